namespace KafkaActors.Hosting;

/// <summary><c>kafka-actors.retry</c> as options; only the values that are set count.</summary>
public sealed class RetryOptions
{
    /// <summary><c>min-backoff</c>.</summary>
    public TimeSpan? MinBackoff { get; set; }

    /// <summary><c>max-backoff</c>.</summary>
    public TimeSpan? MaxBackoff { get; set; }

    /// <summary><c>random-factor</c>.</summary>
    public double? RandomFactor { get; set; }

    /// <summary><c>max-attempts</c>.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary><c>preserve-key-order</c>.</summary>
    public KeyOrderMode? PreserveKeyOrder { get; set; }

    /// <summary><c>max-pending-retries</c>.</summary>
    public int? MaxPendingRetries { get; set; }

    /// <summary><c>max-held-records</c>.</summary>
    public int? MaxHeldRecords { get; set; }

    internal void Render(HoconSection into, string section)
    {
        into.Set($"{section}.min-backoff", MinBackoff)
            .Set($"{section}.max-backoff", MaxBackoff)
            .Set($"{section}.random-factor", RandomFactor)
            .Set($"{section}.max-attempts", MaxAttempts)
            .Set($"{section}.preserve-key-order", PreserveKeyOrder)
            .Set($"{section}.max-pending-retries", MaxPendingRetries)
            .Set($"{section}.max-held-records", MaxHeldRecords);
    }
}
