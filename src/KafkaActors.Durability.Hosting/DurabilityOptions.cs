using System.Globalization;
using Akka.Configuration;

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

    /// <summary>The set values as a <c>kafka-actors.durability</c>-shaped section (keys relative to it).</summary>
    public Config ToSection()
    {
        var values = new (string Key, string? Value)[]
        {
            ("journal", Journal),
            ("sqlite-path", SqlitePath),
            ("postgresql-connection-string", PostgresqlConnectionString),
            ("persistence-id", PersistenceId),
            ("max-batch-size", MaxBatchSize?.ToString(CultureInfo.InvariantCulture)),
            ("max-outstanding", MaxOutstanding?.ToString(CultureInfo.InvariantCulture)),
            ("snapshot-every", SnapshotEvery?.ToString(CultureInfo.InvariantCulture)),
            ("connect-timeout", ConnectTimeout is { } t ? $"{(long)t.TotalMilliseconds}ms" : null),
        };
        // A JSON string is a HOCON string: paths and connection strings stay what they are.
        var hocon = string.Join('\n', values.Where(v => v.Value is not null).Select(v => $"{v.Key} = {System.Text.Json.JsonSerializer.Serialize(v.Value)}"));
        return hocon.Length == 0 ? Config.Empty : ConfigurationFactory.ParseString(hocon);
    }
}
