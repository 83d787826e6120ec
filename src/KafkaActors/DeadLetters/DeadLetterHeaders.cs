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
    /// <summary>
    /// Only on a headers-only copy (its value left out because the full copy could not be published):
    /// why, and the original value's size in bytes where it is known ("MsgSizeTooLarge: ...; 204800 bytes").
    /// </summary>
    public const string ValueOmitted = "kafka-actors.value-omitted";

    private static readonly string DeliveryReportExceptionType = TypeName(typeof(ProduceException<,>));

    /// <summary>The copy to publish: the original key, value, headers and timestamp, plus the headers above.</summary>
    internal static Message<TKey, TValue> Copy<TKey, TValue, TContext>(DeadLettered<TKey, TValue, TContext> deadLetter)
    {
        var original = deadLetter.Envelope.Message;
        return new Message<TKey, TValue> { Key = original.Key, Value = original.Value, Headers = HeadersOf(deadLetter), Timestamp = original.Timestamp };
    }

    /// <summary>
    /// The copy when the full one cannot be published (too large for the dead-letter topic, say): the key,
    /// headers and timestamp, no value, and <see cref="ValueOmitted"/> saying why — so the dead-letter topic
    /// still shows every dead letter.
    /// </summary>
    internal static Message<TKey, TValue> HeadersOnlyCopy<TKey, TValue, TContext>(DeadLettered<TKey, TValue, TContext> deadLetter, DeliveryError fullCopyError)
    {
        var original = deadLetter.Envelope.Message;
        var headers = HeadersOf(deadLetter);
        var size = SizeOf(original.Value) is { } bytes ? $"; {bytes.ToString(CultureInfo.InvariantCulture)} bytes" : "";
        Add(headers, ValueOmitted, $"{fullCopyError.Code}: {fullCopyError.Reason}{size}");
        return new Message<TKey, TValue> { Key = original.Key, Value = default!, Headers = headers, Timestamp = original.Timestamp };
    }

    private static Headers HeadersOf<TKey, TValue, TContext>(DeadLettered<TKey, TValue, TContext> deadLetter)
    {
        var envelope = deadLetter.Envelope;
        var headers = new Headers();
        if (envelope.Message.Headers is not null)
            foreach (var header in envelope.Message.Headers)
                headers.Add(header.Key, header.GetValueBytes());
        Add(headers, OriginalTopic, envelope.Topic);
        if (envelope.Partition != Partition.Any)
            Add(headers, OriginalPartition, envelope.Partition.Value.ToString(CultureInfo.InvariantCulture));
        if (deadLetter.LastError is { } error)
        {
            Add(headers, ErrorCode, ((int)error.Code).ToString(CultureInfo.InvariantCulture));
            Add(headers, ErrorReason, error.Reason);
            Add(headers, ExceptionType, error.Exception is { } e ? TypeName(e.GetType()) : DeliveryReportExceptionType);
        }
        Add(headers, Attempts, deadLetter.Attempts.ToString(CultureInfo.InvariantCulture));
        if (deadLetter.FirstFailureAt is { } first) Add(headers, FirstFailureAt, first.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (deadLetter.LastFailureAt is { } last) Add(headers, LastFailureAt, last.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return headers;
    }

    // Known without serializing for the types records usually carry; null when it would take the serializer.
    private static int? SizeOf<TValue>(TValue value) => value switch
    {
        byte[] bytes => bytes.Length,
        string text => Encoding.UTF8.GetByteCount(text),
        _ => null,
    };

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));

    // Generic types by definition ("Confluent.Kafka.ProduceException`2"), not with their assembly-qualified arguments.
    private static string TypeName(Type type) => (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName ?? type.Name;
}
