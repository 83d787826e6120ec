using Confluent.Kafka;

namespace KafkaActors.Cluster.Protocol;

/// <summary>The broker acknowledged the record (the topic is the submitter's own, so it does not travel).</summary>
internal sealed record RecordDelivered(
    Guid RecordId,
    int Submission,
    Partition Partition,
    Offset Offset,
    Timestamp Timestamp,
    PersistenceStatus Status,
    int Attempts) : IRecordResult;
