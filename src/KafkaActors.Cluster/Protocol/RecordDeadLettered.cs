using Confluent.Kafka;

namespace KafkaActors.Cluster.Protocol;

/// <summary>The producer node gave the record up: why, its last error (none when it never failed), and where its dead-letter copy went.</summary>
internal sealed record RecordDeadLettered(
    Guid RecordId,
    int Submission,
    int Attempts,
    WireError? Error,
    DeadLetterCause Cause,
    DateTimeOffset? FirstFailureAt,
    DateTimeOffset? LastFailureAt,
    TopicPartitionOffset? DeadLetterTopicPartitionOffset,
    WireError? PublishError) : IRecordResult;
