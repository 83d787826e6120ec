using Akka.Configuration;
using KafkaActors.Hosting;

namespace KafkaActors.Durability.Hosting;

/// <summary>
/// The durable producer's journal as plain properties, one per key of <c>kafka-actors.durability</c> (the same names,
/// PascalCase). Only the values that are set count: the rest come from the system's HOCON and the reference.
/// </summary>
public sealed class DurabilityOptions
{
    /// <summary><c>journal</c>: sqlite or postgresql.</summary>
    public string? Journal { get; set; }

    /// <summary><c>sqlite-path</c>: the SQLite journal file.</summary>
    public string? SqlitePath { get; set; }

    /// <summary><c>postgresql-connection-string</c>: an Npgsql connection string.</summary>
    public string? PostgresqlConnectionString { get; set; }

    /// <summary><c>persistence-id</c>; unset: <c>kafka-producer-&lt;name&gt;</c>, so producers sharing a database do not share a journal.</summary>
    public string? PersistenceId { get; set; }

    /// <summary><c>max-batch-size</c>.</summary>
    public int? MaxBatchSize { get; set; }

    /// <summary><c>max-outstanding</c>.</summary>
    public int? MaxOutstanding { get; set; }

    /// <summary><c>snapshot-every</c>.</summary>
    public int? SnapshotEvery { get; set; }

    /// <summary><c>connect-timeout</c>.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>The set values as a <c>kafka-actors.durability</c>-shaped section (keys relative to it), built directly, not parsed.</summary>
    public Config ToSection() => new HoconSection()
        .Set("journal", Journal)
        .Set("sqlite-path", SqlitePath)
        .Set("postgresql-connection-string", PostgresqlConnectionString)
        .Set("persistence-id", PersistenceId)
        .Set("max-batch-size", MaxBatchSize)
        .Set("max-outstanding", MaxOutstanding)
        .Set("snapshot-every", SnapshotEvery)
        .Set("connect-timeout", ConnectTimeout)
        .ToConfig();
}
