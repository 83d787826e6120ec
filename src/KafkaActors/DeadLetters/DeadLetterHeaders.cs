using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Headers on a record's copy on the dead-letter topic, next to the record's own headers. Values are
/// UTF-8 strings; times are ISO 8601 UTC. Named after spring-kafka's <c>kafka_dlt-original-*</c>.
/// </summary>
public static class DeadLetterHeaders
{
    public const string OriginalTopic = "kafka-actors.original-topic";
    /// <summary>Only when the envelope named a partition.</summary>
    public const string OriginalPartition = "kafka-actors.original-partition";
    /// <summary>The numeric Kafka (or librdkafka local, negative) error code, e.g. "10".</summary>
    public const string ErrorCode = "kafka-actors.error-code";
    public const string ErrorReason = "kafka-actors.error-reason";
    /// <summary>The exception's type name; for delivery-report errors, the ProduceException that ProduceAsync would throw.</summary>
    public const string ExceptionType = "kafka-actors.exception-type";
    public const string Attempts = "kafka-actors.attempts";
    public const string FirstFailureAt = "kafka-actors.first-failure-at";
    public const string LastFailureAt = "kafka-actors.last-failure-at";

    private static readonly string DeliveryReportExceptionType = TypeName(typeof(ProduceException<,>));

    /// <summary>The copy to publish: the original key, value, headers and timestamp, plus the headers above.</summary>
    internal static Message<TKey, TValue> Copy<TKey, TValue, TContext>(DeliveryOutcome<TKey, TValue, TContext>.Failed failed,
        DateTimeOffset firstFailureAt, DateTimeOffset lastFailureAt)
    {
        var original = failed.Envelope.Message;
        var headers = new Headers();
        if (original.Headers is not null)
            foreach (var header in original.Headers)
                headers.Add(header.Key, header.GetValueBytes());
        Add(headers, OriginalTopic, failed.Envelope.Topic);
        if (failed.Envelope.Partition != Partition.Any)
            Add(headers, OriginalPartition, failed.Envelope.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, ErrorCode, ((int)failed.Error.Code).ToString(CultureInfo.InvariantCulture));
        Add(headers, ErrorReason, failed.Error.Reason);
        Add(headers, ExceptionType, failed.Error.Exception is { } e ? TypeName(e.GetType()) : DeliveryReportExceptionType);
        Add(headers, Attempts, failed.Attempt.ToString(CultureInfo.InvariantCulture));
        Add(headers, FirstFailureAt, firstFailureAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(headers, LastFailureAt, lastFailureAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return new Message<TKey, TValue> { Key = original.Key, Value = original.Value, Headers = headers, Timestamp = original.Timestamp };
    }

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));

    // Generic types by definition ("Confluent.Kafka.ProduceException`2"), not with their assembly-qualified arguments.
    private static string TypeName(Type type) => (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName ?? type.Name;
}
