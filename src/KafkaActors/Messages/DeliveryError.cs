using Confluent.Kafka;

namespace KafkaActors;

/// <summary>Why a record was not delivered, in Confluent.Kafka's vocabulary plus our <see cref="FailureKind"/>.</summary>
public sealed record DeliveryError(
    ErrorCode Code,
    string Reason,
    FailureKind Kind,
    bool IsLocal,
    PersistenceStatus Status,
    Exception? Exception = null)
{
    public override string ToString() => $"{Code} ({Kind}): {Reason}";
}
