using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>, baggage) in a record's headers, through
/// <see cref="DistributedContextPropagator.Current"/> so an application's choice of propagator is respected.
/// </summary>
internal static class TraceHeaders
{
    public const string TraceParent = "traceparent";

    private static readonly DistributedContextPropagator.PropagatorSetterCallback SetHeader = static (carrier, name, value) =>
    {
        if (carrier is Headers headers && value is not null) headers.Add(name, Encoding.UTF8.GetBytes(value));
    };

    private static readonly DistributedContextPropagator.PropagatorGetterCallback GetHeader =
        static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = carrier is Headers headers && headers.TryGetLastBytes(name, out var bytes) && bytes is not null ? Encoding.UTF8.GetString(bytes) : null;
        };

    /// <summary>The record names its trace already (the caller set it, or it came across the cluster with the record).</summary>
    public static bool Carries(Headers? headers) => headers is not null && headers.TryGetLastBytes(TraceParent, out _);

    /// <summary>Writes <paramref name="context"/>'s trace context into the message's headers; nothing when there is none.</summary>
    public static void Inject<TKey, TValue>(Activity? context, Message<TKey, TValue> message)
    {
        if (context is null) return;
        DistributedContextPropagator.Current.Inject(context, message.Headers ??= new Headers(), SetHeader);
    }

    /// <summary>Writes a bare context (no activity to hand the propagator) as W3C <c>traceparent</c> and <c>tracestate</c>.</summary>
    public static void Inject<TKey, TValue>(ActivityContext context, Message<TKey, TValue> message)
    {
        if (context == default) return;
        var headers = message.Headers ??= new Headers();
        var flags = (context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00";
        headers.Add(TraceParent, Encoding.UTF8.GetBytes($"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{flags}"));
        if (!string.IsNullOrEmpty(context.TraceState)) headers.Add("tracestate", Encoding.UTF8.GetBytes(context.TraceState));
    }

    /// <summary>The trace context the headers carry; default when they carry none that parses.</summary>
    public static ActivityContext Extract(Headers? headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, GetHeader, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    public static IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(Headers? headers) =>
        DistributedContextPropagator.Current.ExtractBaggage(headers, GetHeader);
}
