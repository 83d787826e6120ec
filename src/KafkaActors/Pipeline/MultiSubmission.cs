using Akka.Actor;

namespace KafkaActors;

/// <summary>
/// A multi-record envelope the producer actor accepted: each record travels as its own
/// <see cref="Submission{TKey,TValue,TContext}"/> (sent, retried and dead-lettered on its own), and the sender
/// hears once, when the last one is terminal. Producer-actor thread only.
/// </summary>
internal sealed class MultiSubmission<TKey, TValue, TContext>
{
    private readonly IProduceReply<TKey, TValue, TContext>[] _parts;
    private int _remaining;

    public MultiSubmission(MultiEnvelope<TKey, TValue, TContext> envelope, IActorRef? replyTo)
    {
        Envelope = envelope;
        ReplyTo = replyTo;
        _parts = new IProduceReply<TKey, TValue, TContext>[envelope.Records.Count];
        _remaining = _parts.Length;
    }

    public MultiEnvelope<TKey, TValue, TContext> Envelope { get; }

    public IActorRef? ReplyTo { get; }

    /// <summary>Records part <paramref name="part"/>'s terminal outcome; the envelope's answer once it was the last.</summary>
    public MultiProduceOutcome<TKey, TValue, TContext>? Complete(int part, IProduceReply<TKey, TValue, TContext> outcome)
    {
        _parts[part] = outcome;
        return --_remaining == 0 ? new MultiProduceOutcome<TKey, TValue, TContext>(Envelope, _parts) : null;
    }
}
