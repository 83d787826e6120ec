using Akka.Actor;

namespace KafkaActors;

/// <summary>
/// Answers that carry no record of their own (pass-through envelopes, empty multi-record envelopes) and
/// leave in acceptance order: each waits until every record accepted before it is terminal, so offsets
/// committed from the replies never skip a record still in flight. Producer-actor thread only.
/// </summary>
internal sealed class OrderedReplies<TKey, TValue, TContext>
{
    private readonly Queue<(long Sequence, IActorRef? ReplyTo, IProduceReply<TKey, TValue, TContext> Reply)> _waiting = new();

    public int Count => _waiting.Count;

    public void Add(long sequence, IActorRef? replyTo, IProduceReply<TKey, TValue, TContext> reply) => _waiting.Enqueue((sequence, replyTo, reply));

    /// <summary>Sends every answer accepted before <paramref name="oldestOutstanding"/> (null: nothing outstanding, send all).</summary>
    public void Release(long? oldestOutstanding, IActorRef self)
    {
        while (_waiting.TryPeek(out var next) && (oldestOutstanding is null || next.Sequence < oldestOutstanding))
        {
            _waiting.Dequeue();
            next.ReplyTo?.Tell(next.Reply, self);
        }
    }
}
