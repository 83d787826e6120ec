using System.Diagnostics;
using System.Runtime.CompilerServices;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// One record to produce, with the caller's pass-through context. The same instance comes back in
/// the record's <see cref="DeliveryOutcome{TKey,TValue,TContext}"/>, whatever happened to it.
/// </summary>
public sealed class ProducerEnvelope<TKey, TValue, TContext> : IProducerEnvelope<TKey, TValue, TContext>
{
    public ProducerEnvelope(string topic, Message<TKey, TValue> message, TContext context)
        : this(topic, Partition.Any, message, context)
    {
    }

    public ProducerEnvelope(string topic, Partition partition, Message<TKey, TValue> message, TContext context)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(message);
        Topic = topic;
        Partition = partition;
        Message = message;
        Context = context;
    }

    public string Topic { get; }

    /// <summary>The partition asked for; <see cref="Partition.Any"/> lets the partitioner choose.</summary>
    public Partition Partition { get; }

    /// <summary>Key, value, headers and timestamp, as Confluent.Kafka models them.</summary>
    public Message<TKey, TValue> Message { get; }

    public TContext Context { get; }

    /// <summary>
    /// The trace the record's span joins: the caller's <see cref="Activity.Current"/> when the envelope was built
    /// (captured here because actor hops lose it), or one set explicitly, e.g. continued from a consumed record.
    /// </summary>
    public ActivityContext TraceParent
    {
        get => _traceParent?.Value ?? Caller?.Context ?? default;
        init => _traceParent = new StrongBox<ActivityContext>(value);
    }

    /// <summary>There is a trace to continue: captured from the caller, or set.</summary>
    internal bool InTrace => Caller is not null || _traceParent is not null;

    /// <summary>The caller's activity, captured with the envelope: the record's span inherits its baggage.</summary>
    internal Activity? Caller { get; } = Activity.Current;

    // Boxed: one reference in every envelope, the context's 40-odd bytes only where one is set explicitly.
    private readonly StrongBox<ActivityContext>? _traceParent;

    internal TopicPartition TopicPartition => new(Topic, Partition);

    int IProducerEnvelope<TKey, TValue, TContext>.RecordCount => 1;

    public override string ToString() =>
        Partition == Partition.Any ? $"Envelope({Topic}, key={Message.Key})" : $"Envelope({Topic} [{Partition.Value}], key={Message.Key})";
}

/// <summary>Shorthands for building envelopes: one record, several records with one context, or the context alone.</summary>
public static class ProducerEnvelope
{
    /// <summary>Several records that share one context; their outcome comes back once, when every record's is known.</summary>
    public static MultiEnvelope<TKey, TValue, TContext> Multi<TKey, TValue, TContext>(TContext context,
        params (string Topic, TKey Key, TValue Value)[] records) =>
        new(records.Select(r => (r.Topic, Partition.Any, new Message<TKey, TValue> { Key = r.Key, Value = r.Value, Headers = new Headers() })), context);

    /// <summary>No record, only the context: it comes back in order with the envelopes around it.</summary>
    public static PassThroughEnvelope<TKey, TValue, TContext> PassThrough<TKey, TValue, TContext>(TContext context) => new(context);

    public static ProducerEnvelope<TKey, TValue, TContext> Create<TKey, TValue, TContext>(
        string topic, TKey key, TValue value, TContext context, Headers? headers = null) =>
        new(topic, new Message<TKey, TValue> { Key = key, Value = value, Headers = headers ?? new Headers() }, context);

    public static ProducerEnvelope<TKey, TValue, TContext> Create<TKey, TValue, TContext>(
        string topic, Partition partition, TKey key, TValue value, TContext context, Headers? headers = null) =>
        new(topic, partition, new Message<TKey, TValue> { Key = key, Value = value, Headers = headers ?? new Headers() }, context);
}
