namespace KafkaActors;

/// <summary>Attribute names of the OpenTelemetry messaging semantic conventions 1.44, and our own beside them.</summary>
internal static class MessagingAttributes
{
    public const string System = "messaging.system";
    public const string DestinationName = "messaging.destination.name";
    public const string OperationName = "messaging.operation.name";
    public const string OperationType = "messaging.operation.type";
    public const string PartitionId = "messaging.destination.partition.id";
    public const string Offset = "messaging.kafka.offset";
    public const string MessageKey = "messaging.kafka.message.key";
    public const string MessageId = "messaging.message.id";
    public const string ErrorType = "error.type";

    public const string Attempts = "kafka_actors.attempts";
    public const string Attempt = "kafka_actors.attempt";
    public const string ErrorReason = "kafka_actors.error.reason";
    public const string DeadLetterCause = "kafka_actors.dead_letter.cause";

    public const string Kafka = "kafka";
    public const string Send = "send";

    /// <summary>The cluster submitter's record id header: the span's message id where a record carries one.</summary>
    public const string RecordIdHeader = "kafka-actors.record-id";
}
