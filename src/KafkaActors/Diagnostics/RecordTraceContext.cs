using Akka.Annotations;

namespace KafkaActors;

/// <summary>
/// INTERNAL API. For code that carries a record to another process before it is produced (the cluster front door):
/// the caller's trace context must travel in the record's headers, since the envelope's captured activity does not.
/// </summary>
[InternalApi]
public static class RecordTraceContext
{
    /// <summary>Writes the envelope's <see cref="ProducerEnvelope{TKey,TValue,TContext}.TraceParent"/> into its headers, unless they carry one.</summary>
    public static void Carry<TKey, TValue, TContext>(ProducerEnvelope<TKey, TValue, TContext> envelope)
    {
        if (!envelope.InTrace || TraceHeaders.Carries(envelope.Message.Headers)) return;
        if (envelope.Caller is { } caller && caller.Context == envelope.TraceParent) TraceHeaders.Inject(caller, envelope.Message);
        else TraceHeaders.Inject(envelope.TraceParent, envelope.Message);
    }
}
