using Confluent.Kafka;

namespace KafkaActors.Cluster.Protocol;

/// <summary>The producer node gave the record up: the last failure, why, and where its dead-letter copy went.</summary>
internal sealed record RecordDeadLettered(
    Guid RecordId,
    int Submission,
    int Attempt,
    WireError Error,
    DeadLetterReason Reason,
    DateTimeOffset FirstFailureAt,
    DateTimeOffset LastFailureAt,
    TopicPartitionOffset? DeadLetterTopicPartitionOffset,
    WireError? PublishError) : IRecordResult;
