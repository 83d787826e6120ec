using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors;

/// <summary>
/// How envelopes are grouped into Kafka transactions and how long one transactional call may take.
/// Immutable; read from <c>kafka-actors.transactions</c> with the same names in code and configuration.
/// Retries of a failed transaction follow <see cref="RetrySettings"/> (backoff, <c>max-attempts</c>).
/// </summary>
public sealed class TransactionSettings
{
    public const string ConfigPath = "kafka-actors.transactions";

    private TransactionSettings(string transactionalIdPrefix, int maxRecords, long maxBytes, TimeSpan commitInterval, TimeSpan operationTimeout)
    {
        TransactionalIdPrefix = transactionalIdPrefix;
        MaxRecords = maxRecords;
        MaxBytes = maxBytes;
        CommitInterval = commitInterval;
        OperationTimeout = operationTimeout;
    }

    /// <summary>Put before the caller's suffix to make the <c>transactional.id</c> (<c>transactional-id-prefix</c>).</summary>
    public string TransactionalIdPrefix { get; }

    /// <summary>Envelopes per transaction, at most (<c>max-records</c>).</summary>
    public int MaxRecords { get; }

    /// <summary>Key, value and header bytes per transaction, at most (<c>max-bytes</c>); one larger envelope still makes a transaction.</summary>
    public long MaxBytes { get; }

    /// <summary>A transaction is committed this long after its first envelope at the latest (<c>commit-interval</c>).</summary>
    public TimeSpan CommitInterval { get; }

    /// <summary>Longest wait for one transactional call or for a transaction's delivery reports (<c>operation-timeout</c>).</summary>
    public TimeSpan OperationTimeout { get; }

    /// <summary>Reads <c>kafka-actors.transactions</c> from the system's configuration, over the reference defaults.</summary>
    public static TransactionSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaActorsConfig.Resolve(system).GetConfig(ConfigPath));
    }

    /// <summary>Reads a section shaped like <c>kafka-actors.transactions</c>, over the reference defaults.</summary>
    public static TransactionSettings Create(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = ConfigReader.ForSection(section, ConfigPath);
        return new TransactionSettings(reader.String("transactional-id-prefix"), reader.PositiveInt("max-records"),
            reader.Bytes("max-bytes"), reader.Duration("commit-interval"), reader.Duration("operation-timeout"));
    }

    /// <summary>The <c>transactional.id</c> for <paramref name="suffix"/>: the prefix, then the suffix.</summary>
    public string TransactionalId(string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(suffix);
        return TransactionalIdPrefix + suffix;
    }

    public TransactionSettings WithTransactionalIdPrefix(string prefix) => Copy(transactionalIdPrefix: prefix ?? "");

    public TransactionSettings WithMaxRecords(int maxRecords) =>
        maxRecords > 0 ? Copy(maxRecords: maxRecords) : throw new ArgumentOutOfRangeException(nameof(maxRecords), maxRecords, "max-records must be greater than 0");

    public TransactionSettings WithMaxBytes(long maxBytes) =>
        maxBytes > 0 ? Copy(maxBytes: maxBytes) : throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "max-bytes must be greater than 0");

    public TransactionSettings WithCommitInterval(TimeSpan commitInterval) =>
        commitInterval > TimeSpan.Zero ? Copy(commitInterval: commitInterval) : throw new ArgumentOutOfRangeException(nameof(commitInterval), commitInterval, "commit-interval must be positive");

    public TransactionSettings WithOperationTimeout(TimeSpan operationTimeout) =>
        operationTimeout > TimeSpan.Zero ? Copy(operationTimeout: operationTimeout) : throw new ArgumentOutOfRangeException(nameof(operationTimeout), operationTimeout, "operation-timeout must be positive");

    public override string ToString() =>
        $"TransactionSettings(transactional-id-prefix={TransactionalIdPrefix}, max-records={MaxRecords}, max-bytes={MaxBytes}, commit-interval={CommitInterval}, operation-timeout={OperationTimeout})";

    private TransactionSettings Copy(string? transactionalIdPrefix = null, int? maxRecords = null, long? maxBytes = null,
        TimeSpan? commitInterval = null, TimeSpan? operationTimeout = null) =>
        new(transactionalIdPrefix ?? TransactionalIdPrefix, maxRecords ?? MaxRecords, maxBytes ?? MaxBytes,
            commitInterval ?? CommitInterval, operationTimeout ?? OperationTimeout);
}
