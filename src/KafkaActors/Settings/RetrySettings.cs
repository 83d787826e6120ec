using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors;

/// <summary>
/// How the retry supervisor treats failed sends: backoff, attempts, per-key order and its bounds.
/// Immutable; read from <c>kafka-actors.retry</c> with the same names in code and configuration.
/// Which failures are retriable is the producer's <c>classify</c>
/// (<see cref="ProducerPipelineSettings{TKey,TValue}.Classifier"/>), where the producer stage applies it.
/// </summary>
public sealed class RetrySettings
{
    public const string ConfigPath = "kafka-actors.retry";

    private RetrySettings(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int maxAttempts,
        KeyOrderMode preserveKeyOrder, int maxPendingRetries, int maxHeldRecords)
    {
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        MaxAttempts = maxAttempts;
        PreserveKeyOrder = preserveKeyOrder;
        MaxPendingRetries = maxPendingRetries;
        MaxHeldRecords = maxHeldRecords;
    }

    /// <summary>Wait before the first retry (<c>min-backoff</c>); each further retry doubles it.</summary>
    public TimeSpan MinBackoff { get; }

    /// <summary>Longest wait before one retry (<c>max-backoff</c>), before jitter.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Up to this fraction of random extra wait (<c>random-factor</c>), so retries spread out.</summary>
    public double RandomFactor { get; }

    /// <summary>Sends per record including the first (<c>max-attempts</c>); then the record is dead-lettered.</summary>
    public int MaxAttempts { get; }

    /// <summary>How each non-null key's records keep submission order across retries (<c>preserve-key-order</c>: on, strict or off).</summary>
    public KeyOrderMode PreserveKeyOrder { get; }

    /// <summary>Failed records waiting for a retry before intake backpressures (<c>max-pending-retries</c>).</summary>
    public int MaxPendingRetries { get; }

    /// <summary>Records waiting behind an earlier record of their key before intake backpressures (<c>max-held-records</c>).</summary>
    public int MaxHeldRecords { get; }

    /// <summary>Reads <c>kafka-actors.retry</c> from the system's configuration, over the reference defaults.</summary>
    public static RetrySettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaActorsConfig.Resolve(system).GetConfig(ConfigPath));
    }

    /// <summary>Reads a section shaped like <c>kafka-actors.retry</c>, over the reference defaults.</summary>
    public static RetrySettings Create(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = ConfigReader.ForSection(section, ConfigPath);
        var min = reader.Duration("min-backoff", allowZero: true);
        var max = reader.Duration("max-backoff", allowZero: true);
        if (max < min) throw new KafkaActorsConfigurationException(reader.PathOf("max-backoff"), $"must not be shorter than min-backoff ({min})");
        return new RetrySettings(min, max, reader.Fraction("random-factor"), reader.PositiveInt("max-attempts"),
            KeyOrder(reader, "preserve-key-order"), reader.PositiveInt("max-pending-retries"), reader.PositiveInt("max-held-records"));
    }

    public RetrySettings WithBackoff(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        if (minBackoff < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "min-backoff must not be negative");
        if (maxBackoff < minBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "max-backoff must not be shorter than min-backoff");
        if (randomFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "random-factor must be from 0.0 to 1.0");
        return Copy(minBackoff: minBackoff, maxBackoff: maxBackoff, randomFactor: randomFactor);
    }

    public RetrySettings WithMaxAttempts(int maxAttempts) =>
        Copy(maxAttempts: Positive(maxAttempts, "max-attempts"));

    public RetrySettings WithPreserveKeyOrder(KeyOrderMode preserveKeyOrder) => Enum.IsDefined(preserveKeyOrder)
        ? Copy(preserveKeyOrder: preserveKeyOrder)
        : throw new ArgumentOutOfRangeException(nameof(preserveKeyOrder), preserveKeyOrder, "preserve-key-order must be on, strict or off");

    public RetrySettings WithMaxPendingRetries(int maxPendingRetries) =>
        Copy(maxPendingRetries: Positive(maxPendingRetries, "max-pending-retries"));

    public RetrySettings WithMaxHeldRecords(int maxHeldRecords) =>
        Copy(maxHeldRecords: Positive(maxHeldRecords, "max-held-records"));

    // on/off keep their boolean spellings (true, yes...), so configurations written for the old switch still read.
    private static KeyOrderMode KeyOrder(ConfigReader reader, string key) =>
        reader.String(key) == "strict" ? KeyOrderMode.Strict : reader.Bool(key, "on, strict or off") ? KeyOrderMode.On : KeyOrderMode.Off;

    private static int Positive(int value, string key) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(key, value, $"{key} must be greater than 0");

    private RetrySettings Copy(TimeSpan? minBackoff = null, TimeSpan? maxBackoff = null, double? randomFactor = null,
        int? maxAttempts = null, KeyOrderMode? preserveKeyOrder = null, int? maxPendingRetries = null, int? maxHeldRecords = null) =>
        new(minBackoff ?? MinBackoff, maxBackoff ?? MaxBackoff, randomFactor ?? RandomFactor, maxAttempts ?? MaxAttempts,
            preserveKeyOrder ?? PreserveKeyOrder, maxPendingRetries ?? MaxPendingRetries, maxHeldRecords ?? MaxHeldRecords);

    /// <summary>
    /// The wait after attempt <paramref name="attempt"/> failed: min-backoff doubled per earlier retry,
    /// capped at max-backoff, plus up to random-factor of itself (<paramref name="random01"/> in [0, 1)).
    /// </summary>
    public TimeSpan BackoffAfter(int attempt, double random01)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 62);
        var ticks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)(ticks * (1 + RandomFactor * random01)));
    }

    public override string ToString() =>
        $"RetrySettings(min-backoff={MinBackoff}, max-backoff={MaxBackoff}, random-factor={RandomFactor}, max-attempts={MaxAttempts}, preserve-key-order={PreserveKeyOrder.ToString().ToLowerInvariant()}, max-pending-retries={MaxPendingRetries}, max-held-records={MaxHeldRecords})";
}
