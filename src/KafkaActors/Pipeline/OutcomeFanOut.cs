using System.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace KafkaActors;

/// <summary>
/// Everyone who hears of a terminal outcome, once the producer actor has made it terminal: the sender (or,
/// for a part of a multi-record envelope, the envelope's sender once every part is in), the success or
/// dead-letter actor, the listener; and context-only answers that were waiting for it. Metrics move and the listener
/// is called before anyone is told, so whoever hears of an outcome sees both done. Producer-actor thread only.
/// </summary>
internal sealed class OutcomeFanOut<TKey, TValue, TContext>
{
    private readonly IActorRef _self;
    private readonly IActorRef? _successActor;
    private readonly IActorRef? _deadLetterActor;
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;
    private readonly ILoggingAdapter _log;
    private readonly OrderedReplies<TKey, TValue, TContext> _ordered = new();

    public OutcomeFanOut(IActorRef self, IActorRef? successActor, IActorRef? deadLetterActor,
        IProducerListener<TKey, TValue, TContext>? listener, ILoggingAdapter log)
    {
        _self = self;
        _successActor = successActor;
        _deadLetterActor = deadLetterActor;
        _listener = listener;
        _log = log;
    }

    public void Produced(Submission<TKey, TValue, TContext> record, Produced<TKey, TValue, TContext> produced, long? oldestOutstanding)
    {
        KafkaActorsMetrics.DeliveredCounter.Add(1, record.Stats.Tag);
        if (record.AcceptedAt != 0 && KafkaActorsMetrics.DeliveryLatencyHistogram.Enabled)
            KafkaActorsMetrics.DeliveryLatencyHistogram.Record(Stopwatch.GetElapsedTime(record.AcceptedAt).TotalMilliseconds, record.Stats.Tag);
        RecordTelemetry.Delivered(record.Span, record.Stats, record.AcceptedAt, produced);
        // The listener first: whoever is told next finds it already called (it runs on this thread either way).
        if (_listener is { } listener) Listeners.Call(_log, listener, produced, static (l, p) => l.OnSuccess(p));
        Answer(record, produced, oldestOutstanding);
        _successActor?.Tell(produced, _self);
    }

    public void DeadLettered(Submission<TKey, TValue, TContext> record, DeadLettered<TKey, TValue, TContext> deadLettered, long? oldestOutstanding)
    {
        KafkaActorsMetrics.RecordDeadLettered(record.Stats, deadLettered.Cause);
        RecordTelemetry.DeadLettered(record.Span, record.Stats, record.AcceptedAt, deadLettered);
        if (_listener is { } listener) Listeners.Call(_log, listener, deadLettered, static (l, d) => l.OnDeadLettered(d));
        Answer(record, deadLettered, oldestOutstanding);
        _deadLetterActor?.Tell(deadLettered, _self);
    }

    /// <summary>An answer with no record of its own, sent once every record accepted before it is terminal.</summary>
    public void InOrder(long sequence, IActorRef? replyTo, IProduceReply<TKey, TValue, TContext> reply, long? oldestOutstanding)
    {
        _ordered.Add(sequence, replyTo, reply);
        _ordered.Release(oldestOutstanding, _self);
    }

    /// <summary>Nothing is outstanding any more (the actor stopped): every waiting answer goes.</summary>
    public void ReleaseAll() => _ordered.Release(null, _self);

    private void Answer(Submission<TKey, TValue, TContext> record, IProduceReply<TKey, TValue, TContext> reply, long? oldestOutstanding)
    {
        if (record.Group is { } group)
        {
            if (group.Complete(record.Part, reply) is { } all) group.ReplyTo?.Tell(all, _self);
        }
        else record.ReplyTo?.Tell(reply, _self);
        _ordered.Release(oldestOutstanding, _self);
    }
}
