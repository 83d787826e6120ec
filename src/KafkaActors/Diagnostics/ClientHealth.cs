using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// What the Kafka client of one pipeline said about itself: written by librdkafka's threads (errors) and the stage
/// (deliveries), read by the producer actor when asked for its health. The delivery path costs one volatile read.
/// </summary>
internal sealed class ClientHealth
{
    private long _brokersDownSince; // UTC ticks; 0: not down
    private volatile string? _fatalError;

    public void ClientError(Error error)
    {
        if (error.IsFatal) _fatalError = $"{error.Code}: {error.Reason}";
        if (error.Code == ErrorCode.Local_AllBrokersDown) Interlocked.CompareExchange(ref _brokersDownSince, DateTimeOffset.UtcNow.UtcTicks, 0);
    }

    /// <summary>A record reached its topic: the brokers answer and the producer works.</summary>
    public void Delivered()
    {
        if (Volatile.Read(ref _brokersDownSince) != 0) Interlocked.Exchange(ref _brokersDownSince, 0);
        if (_fatalError is not null) _fatalError = null;
    }

    public DateTimeOffset? BrokersDownSince => Volatile.Read(ref _brokersDownSince) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public string? FatalError => _fatalError;
}
