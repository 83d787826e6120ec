using System.Diagnostics;
using Akka.Actor;

namespace KafkaActors;

/// <summary>
/// One record the producer actor accepted, from intake to its terminal outcome, across every attempt.
/// It travels through the stream as the producer stage's element and comes back out of it with
/// <see cref="Outcome"/> set, so no per-record lookup is needed anywhere. At any moment exactly one party holds it
/// (intake, send gate, producer stage, retry supervisor, dead-letter publisher), which is what makes
/// the mutable fields safe: each hand-over is a message or an async callback.
/// </summary>
internal sealed class Submission<TKey, TValue, TContext> : IntrusiveListNode<Submission<TKey, TValue, TContext>>
{
    public Submission(ProducerEnvelope<TKey, TValue, TContext> envelope, IActorRef? replyTo, TopicStats stats, long sequence,
        MultiSubmission<TKey, TValue, TContext>? group = null, int part = 0)
    {
        Envelope = envelope;
        ReplyTo = replyTo;
        Stats = stats;
        Sequence = sequence;
        Group = group;
        Part = part;
        // Read the clock only when someone measures latency: ~20 ns a read, twice per record otherwise.
        AcceptedAt = KafkaActorsMetrics.MeasuresLatency ? Stopwatch.GetTimestamp() : 0;
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; }

    /// <summary>The sender of the Produce command, or null when there was none to answer (or a multi-record envelope answers for it).</summary>
    public IActorRef? ReplyTo { get; }

    /// <summary>Acceptance order across every envelope the actor took: context-only replies wait for what came before.</summary>
    public long Sequence { get; }

    /// <summary>The multi-record envelope this record is part of, at index <see cref="Part"/>; null for a single record.</summary>
    public MultiSubmission<TKey, TValue, TContext>? Group { get; }

    public int Part { get; }

    public TopicStats Stats { get; }

    /// <summary><see cref="Stopwatch"/> timestamp of acceptance, for the delivery latency; 0 when no latency instrument was listened to then.</summary>
    public long AcceptedAt { get; }

    /// <summary>The attempt being made or last made; the retry supervisor bumps it before a re-send.</summary>
    public int Attempt = 1;

    /// <summary>What the producer stage reported for the latest attempt; set as the record leaves the stage.</summary>
    public DeliveryOutcome<TKey, TValue, TContext>? Outcome;

    /// <summary>Set by the retry supervisor on the first failure (most records never fail: no room taken for them); read when the record is dead-lettered.</summary>
    public FailureHistory? Failures;

    /// <summary>The record's span, from acceptance to its terminal outcome; null when nobody listens.</summary>
    public Activity? Span;

    /// <summary>With preserve-key-order = on: the lane of its key while the record holds a place in it. Send-gate thread only.</summary>
    public PipelinedKeyLanes<TKey, TValue, TContext>.Lane? KeyLane;

    /// <summary>Not yet terminal: still in the producer actor's OutstandingRecords. Producer-actor thread only.</summary>
    public bool Outstanding => InList;

    public override string ToString() => $"Submission({Envelope}, attempt {Attempt})";
}

/// <summary>When a record's attempts failed and how the last one did. Retry-supervisor thread, then whoever dead-letters it.</summary>
internal sealed class FailureHistory(DateTimeOffset first)
{
    public DateTimeOffset FirstFailureAt { get; } = first;
    public DateTimeOffset LastFailureAt { get; set; } = first;
    public DeliveryError? LastError { get; set; }
}
