using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// What a delivery report said about one record, however it was read (Confluent's handler for a shared producer, the
/// native events of <see cref="NativeProducer{TKey,TValue}"/> for one the stage built): a value, so reading it allocates
/// nothing. <see cref="Error"/> is null when the record was delivered.
/// </summary>
internal readonly record struct ReportedDelivery(Error? Error, Partition Partition, Offset Offset, Timestamp Timestamp, PersistenceStatus Status)
{
    public bool Delivered => Error is null;

    public static ReportedDelivery Of<TKey, TValue>(DeliveryReport<TKey, TValue> report) =>
        new(report.Error.IsError ? report.Error : null, report.Partition, report.Offset, report.Timestamp, report.Status);
}
