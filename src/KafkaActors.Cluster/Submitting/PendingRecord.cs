using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// One record a submitter has sent and not yet answered: the caller's envelope (with its context, which
/// never leaves this node), the request as it goes on the wire, and where the record is now.
/// </summary>
internal sealed class PendingRecord<TKey, TValue, TContext>
{
    public PendingRecord(long sequence, ProducerEnvelope<TKey, TValue, TContext> envelope, IActorRef caller, ProduceRequest request)
    {
        Sequence = sequence;
        Envelope = envelope;
        Caller = caller;
        Request = request;
    }

    /// <summary>Submission order at this submitter; re-submissions go out in this order, keeping per-key order.</summary>
    public long Sequence { get; }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; }

    /// <summary>Who gets the one reply.</summary>
    public IActorRef Caller { get; }

    /// <summary>The current submission; <see cref="ProduceRequest.Submission"/> counts from 1.</summary>
    public ProduceRequest Request { get; private set; }

    public Guid RecordId => Request.RecordId;

    public int Submission => Request.Submission;

    /// <summary>The node that acknowledged the current submission; null while nobody has.</summary>
    public Address? HeldBy { get; private set; }

    /// <summary>
    /// Submissions that went unanswered (timed out, or the node holding them left). Submissions a node
    /// turned away do not count: they prove the record was not sent.
    /// </summary>
    public int Unanswered { get; private set; }

    /// <summary>When to send again if no answer came (monotonic time of the submitter).</summary>
    public TimeSpan DueAt { get; private set; }

    /// <summary>A node turned the current submission away: it was not sent, and goes again at <see cref="DueAt"/>.</summary>
    public bool TurnedAway { get; private set; }

    /// <summary>The record heads its key's lane at the front door: later records of the key wait for it.</summary>
    public bool IsLaneHead { get; set; }

    /// <summary>Waiting behind an earlier record of its key: never sent yet, so never due nor on any node.</summary>
    public bool IsHeld => DueAt == TimeSpan.MaxValue;

    public void Hold() => DueAt = TimeSpan.MaxValue;

    public void Sent(TimeSpan dueAt)
    {
        HeldBy = null;
        TurnedAway = false;
        DueAt = dueAt;
    }

    public void TurnedAwayUntil(TimeSpan dueAt)
    {
        HeldBy = null;
        TurnedAway = true;
        DueAt = dueAt;
    }

    public void Accepted(Address node, TimeSpan dueAt)
    {
        HeldBy = node;
        DueAt = dueAt;
    }

    /// <summary>The next submission of the same record: same id, same bytes, same bucket.</summary>
    public ProduceRequest NextSubmission(bool previousUnanswered)
    {
        if (previousUnanswered) Unanswered++;
        Request = Request with { Submission = Request.Submission + 1 };
        HeldBy = null;
        return Request;
    }

    /// <summary>The submitter's own verdict when the cluster never answered: the record may or may not be in the topic.</summary>
    public DeadLettered<TKey, TValue, TContext> GiveUp(DeadLetterCause cause, string why)
    {
        var now = DateTimeOffset.UtcNow;
        var error = new DeliveryError(ErrorCode.Local_TimedOut, why, FailureKind.Retriable, IsLocal: true, PersistenceStatus.PossiblyPersisted);
        return new DeadLettered<TKey, TValue, TContext>(Envelope, cause, Unanswered + 1, error, now, now);
    }
}
