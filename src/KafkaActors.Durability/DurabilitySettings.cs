using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Durability;

/// <summary>Which database holds a durable producer's journal.</summary>
public enum JournalKind
{
    /// <summary>An embedded SQLite file: a path is all it needs.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for production.</summary>
    PostgreSql,
}

/// <summary>
/// Where and how a durable producer keeps its journal (<c>kafka-actors.durability</c>), with the same
/// names in code and configuration. Immutable.
/// </summary>
public sealed class DurabilitySettings
{
    public const string ConfigPath = "kafka-actors.durability";

    private DurabilitySettings(JournalKind journal, string sqlitePath, string postgreSqlConnectionString, string persistenceId,
        int maxBatchSize, int maxOutstanding, int snapshotEvery, TimeSpan connectTimeout)
    {
        Journal = journal;
        SqlitePath = sqlitePath;
        PostgreSqlConnectionString = postgreSqlConnectionString;
        PersistenceId = persistenceId;
        MaxBatchSize = maxBatchSize;
        MaxOutstanding = maxOutstanding;
        SnapshotEvery = snapshotEvery;
        ConnectTimeout = connectTimeout;
    }

    public JournalKind Journal { get; }

    /// <summary>The SQLite journal file (<c>sqlite-path</c>).</summary>
    public string SqlitePath { get; }

    /// <summary>The Npgsql connection string (<c>postgresql-connection-string</c>).</summary>
    public string PostgreSqlConnectionString { get; }

    /// <summary>The journal's name for this producer (<c>persistence-id</c>).</summary>
    public string PersistenceId { get; }

    /// <summary>Records in one journal write, at most (<c>max-batch-size</c>).</summary>
    public int MaxBatchSize { get; }

    /// <summary>Records accepted and not finished, at most (<c>max-outstanding</c>); beyond it Produce is rejected.</summary>
    public int MaxOutstanding { get; }

    /// <summary>Finished records between snapshots that compact the journal (<c>snapshot-every</c>).</summary>
    public int SnapshotEvery { get; }

    /// <summary>How long the start-up check waits for the database (<c>connect-timeout</c>).</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <summary>Reads <c>kafka-actors.durability</c> from the system's configuration, over the reference defaults.</summary>
    public static DurabilitySettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaActorsConfig.Resolve(system).GetConfig(ConfigPath));
    }

    /// <summary>Reads a section shaped like <c>kafka-actors.durability</c>, over the reference defaults.</summary>
    public static DurabilitySettings Create(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = ConfigReader.ForSection(section, ConfigPath);
        var journal = reader.String("journal") switch
        {
            "sqlite" => JournalKind.Sqlite,
            "postgresql" => JournalKind.PostgreSql,
            var other => throw new KafkaActorsConfigurationException(reader.PathOf("journal"), $"'{other}' is not a journal; use sqlite or postgresql"),
        };
        var persistenceId = reader.String("persistence-id");
        if (string.IsNullOrWhiteSpace(persistenceId)) throw new KafkaActorsConfigurationException(reader.PathOf("persistence-id"), "must not be empty");
        return new DurabilitySettings(journal, reader.String("sqlite-path"), reader.String("postgresql-connection-string"), persistenceId,
            reader.PositiveInt("max-batch-size"), reader.PositiveInt("max-outstanding"), reader.PositiveInt("snapshot-every"),
            reader.Duration("connect-timeout"));
    }

    /// <summary>An embedded SQLite journal in <paramref name="path"/>.</summary>
    public DurabilitySettings WithSqlite(string path) =>
        Copy(journal: JournalKind.Sqlite, sqlitePath: string.IsNullOrWhiteSpace(path) ? throw new ArgumentException("sqlite-path must not be empty", nameof(path)) : path);

    /// <summary>A PostgreSQL journal reached with <paramref name="connectionString"/>.</summary>
    public DurabilitySettings WithPostgreSql(string connectionString) =>
        Copy(journal: JournalKind.PostgreSql, postgreSqlConnectionString: string.IsNullOrWhiteSpace(connectionString)
            ? throw new ArgumentException("postgresql-connection-string must not be empty", nameof(connectionString)) : connectionString);

    public DurabilitySettings WithPersistenceId(string persistenceId) =>
        Copy(persistenceId: string.IsNullOrWhiteSpace(persistenceId) ? throw new ArgumentException("persistence-id must not be empty", nameof(persistenceId)) : persistenceId);

    public DurabilitySettings WithMaxBatchSize(int maxBatchSize) => Copy(maxBatchSize: Positive(maxBatchSize, "max-batch-size"));

    public DurabilitySettings WithMaxOutstanding(int maxOutstanding) => Copy(maxOutstanding: Positive(maxOutstanding, "max-outstanding"));

    public DurabilitySettings WithSnapshotEvery(int snapshotEvery) => Copy(snapshotEvery: Positive(snapshotEvery, "snapshot-every"));

    public DurabilitySettings WithConnectTimeout(TimeSpan connectTimeout) =>
        Copy(connectTimeout: connectTimeout > TimeSpan.Zero ? connectTimeout : throw new ArgumentOutOfRangeException(nameof(connectTimeout), connectTimeout, "connect-timeout must be positive"));

    private static int Positive(int value, string key) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(key, value, $"{key} must be greater than 0");

    private DurabilitySettings Copy(JournalKind? journal = null, string? sqlitePath = null, string? postgreSqlConnectionString = null,
        string? persistenceId = null, int? maxBatchSize = null, int? maxOutstanding = null, int? snapshotEvery = null, TimeSpan? connectTimeout = null) =>
        new(journal ?? Journal, sqlitePath ?? SqlitePath, postgreSqlConnectionString ?? PostgreSqlConnectionString, persistenceId ?? PersistenceId,
            maxBatchSize ?? MaxBatchSize, maxOutstanding ?? MaxOutstanding, snapshotEvery ?? SnapshotEvery, connectTimeout ?? ConnectTimeout);

    public override string ToString() =>
        $"DurabilitySettings(journal={Journal}, persistence-id={PersistenceId}, max-batch-size={MaxBatchSize}, max-outstanding={MaxOutstanding}, snapshot-every={SnapshotEvery})";
}
