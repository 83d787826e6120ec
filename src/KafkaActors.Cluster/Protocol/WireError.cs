using Confluent.Kafka;

namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// A <see cref="DeliveryError"/> as it crosses the wire. Exceptions do not travel as objects: their
/// type name and message do, and come back as a <see cref="RemoteProducerException"/>.
/// </summary>
internal sealed record WireError(
    ErrorCode Code,
    string Reason,
    FailureKind Kind,
    bool IsLocal,
    PersistenceStatus Status,
    string? ExceptionType,
    string? ExceptionMessage)
{
    public static WireError From(DeliveryError error) =>
        new(error.Code, error.Reason, error.Kind, error.IsLocal, error.Status, error.Exception?.GetType().FullName, error.Exception?.Message);

    public DeliveryError ToDeliveryError() =>
        new(Code, Reason, Kind, IsLocal, Status, ExceptionType is null ? null : new RemoteProducerException(ExceptionType, ExceptionMessage ?? ""));
}
