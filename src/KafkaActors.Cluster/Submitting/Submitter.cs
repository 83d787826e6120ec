using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using ClusterEvent = Akka.Cluster.ClusterEvent;

namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// The front door on a node: takes <see cref="Produce{TKey,TValue,TContext}"/>, serializes the record,
/// sends it to the bucket that owns its key and keeps it (with the caller's context) until one terminal
/// result comes back. Sends again — same record id — when the node holding it leaves the cluster, when
/// nobody acknowledges it, when no outcome arrives in time, or when a producer node turned it away.
/// The first terminal result is the answer; later ones are counted and dropped.
/// </summary>
internal sealed class Submitter<TKey, TValue, TContext> : UntypedActor
{
    private readonly ClusterProducingSettings _settings;
    private readonly RecordEncoder<TKey, TValue> _encoder;
    private readonly PendingRecords<TKey, TValue, TContext> _pending;
    private readonly HashSet<Address> _removedNodes = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SubmitterMeter _meter = new(Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString());
    private readonly RequestFrames _frames;
    private readonly NodeRoutes _routes;
    private readonly KeyLanes<TKey, TValue, TContext>? _lanes;
    private readonly KeyOrderWatch _order = new();
    private ICancelable? _ticks;
    private long _sequence;
    private long _accepted, _delivered, _deadLettered, _rejected, _resubmissions, _duplicates;

    // inboxOf: a producer node's NodeInbox; by default found by its path (tests hand in probes).
    public Submitter(ClusterProducingSettings settings, IActorRef buckets, ISerializer<TKey>? keySerializer, ISerializer<TValue>? valueSerializer,
        Func<Address, IActorRef>? inboxOf = null)
    {
        _settings = settings;
        _encoder = new RecordEncoder<TKey, TValue>(keySerializer, valueSerializer);
        _pending = new PendingRecords<TKey, TValue, TContext>(settings.MaxPending);
        _frames = new RequestFrames(Self, settings.Buckets);
        var provider = ((ExtendedActorSystem)Context.System).Provider;
        _routes = new NodeRoutes(buckets, Self, inboxOf ?? (node => provider.ResolveActorRef(new RootActorPath(node) / "user" / Producing.NodeInbox.Name(settings))));
        _lanes = settings.PreserveKeyOrder ? new KeyLanes<TKey, TValue, TContext>() : null;
    }

    private TimeSpan Now => _clock.Elapsed;

    protected override void PreStart()
    {
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.MemberLeft), typeof(ClusterEvent.MemberExited), typeof(ClusterEvent.IReachabilityEvent));
        _ticks = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(_settings.CheckInterval, _settings.CheckInterval, Self, CheckOverdue.Instance, Self);
    }

    protected override void PostStop()
    {
        _ticks?.Cancel();
        _meter.Dispose();
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        // Callers still get their one answer: the cluster may or may not produce what was pending.
        foreach (var record in _pending.Drain())
            record.Caller.Tell(record.GiveUp(DeadLetterCause.Shutdown, $"the submitter stopped after {record.Submission} submission(s) without an outcome"));
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Produce<TKey, TValue, TContext> { Envelope: ProducerEnvelope<TKey, TValue, TContext> single }:
                Submit(single, Sender);
                break;
            case Produce<TKey, TValue, TContext> other:
                // Known gap: the front door sends single records across the cluster; say so rather than drop it.
                Sender.Tell(new ProduceRejected<TKey, TValue, TContext>(other.Envelope,
                    $"the cluster front door takes one record per envelope; {other.Envelope.GetType().Name} is not supported across the cluster yet"));
                break;
            case ResultFrame frame:
                foreach (var a in frame.Accepted) OnAccepted(a.RecordId, a.Submission, frame.Node);
                foreach (var result in frame.Results) OnReceive(result);
                break;
            case RecordAccepted accepted:
                OnAccepted(accepted.RecordId, accepted.Submission, accepted.Node);
                break;
            case RecordDelivered delivered:
                OnDelivered(delivered);
                break;
            case RecordDeadLettered deadLettered:
                OnDeadLettered(deadLettered);
                break;
            case RecordRejected rejected:
                OnRejected(rejected);
                break;
            case CheckOverdue:
                foreach (var record in _pending.Overdue(Now))
                    if (record.TurnedAway) Resend(record, unanswered: false);
                    else SendAgain(record, "no answer in time");
                break;
            case SendFrames:
                _routes.Send(_frames.Drain(), _meter.FrameSent);
                break;
            case ClusterEvent.MemberRemoved removed:
                OnNodeRemoved(removed.Member.Address);
                break;
            case ClusterEvent.MemberLeft or ClusterEvent.MemberExited:
                _routes.Leaving(((ClusterEvent.MemberStatusChange)message).Member.Address);
                break;
            case ClusterEvent.ReachabilityEvent reachability:
                _routes.Unreachable(reachability.Member.Address, reachability is ClusterEvent.UnreachableMember);
                break;
            case GetSubmitterStats:
                Sender.Tell(new SubmitterStats(_pending.Count, _accepted, _delivered, _deadLettered, _rejected, _resubmissions, _duplicates, _order.AtRisk));
                break;
            case ClusterEvent.IClusterDomainEvent:
                break;
            default:
                Unhandled(message);
                break;
        }
        _meter.Pending = _pending.Count;
    }

    private void Submit(ProducerEnvelope<TKey, TValue, TContext> envelope, IActorRef caller)
    {
        if (_pending.IsFull)
        {
            _rejected++;
            caller.Tell(new ProduceRejected<TKey, TValue, TContext>(envelope, $"the cluster submitter has {_pending.Count} records pending (kafka-actors.cluster.submitter.max-pending = {_pending.Capacity})"));
            return;
        }

        var message = envelope.Message;
        byte[]? key, value;
        try
        {
            (key, value) = _encoder.Encode(envelope.Topic, message);
        }
        catch (ProduceException<TKey, TValue> e)
        {
            _deadLettered++;
            caller.Tell(CallerReplies<TKey, TValue, TContext>.NotSerializable(envelope, e));
            return;
        }

        var recordId = RecordIdHeader.Ensure(message);
        RecordTraceContext.Carry(envelope); // the producer node's span joins the caller's trace
        var request = new ProduceRequest(recordId, _frames.BucketOf(key), Submission: 1, envelope.Topic, envelope.Partition, key, value,
            RecordEncoder<TKey, TValue>.WireHeaders(message.Headers), message.Timestamp, Self);
        var record = new PendingRecord<TKey, TValue, TContext>(++_sequence, envelope, caller, request);
        if (!_pending.TryAdd(record))
        {
            _rejected++;
            caller.Tell(new ProduceRejected<TKey, TValue, TContext>(envelope, $"record {recordId} is pending already (its {RecordIdHeader.Name} header was submitted twice)"));
            return;
        }
        _accepted++;
        _order.Pending(key);
        if (_lanes is null || _lanes.TryEnter(record)) Send(record);
        else record.Hold();
    }

    private void OnNodeRemoved(Address node)
    {
        _removedNodes.Add(node);
        foreach (var record in _pending.On(node, _routes.Owners)) SendAgain(record, $"{node} left the cluster");
        _routes.Forget(node);
    }

    private void OnAccepted(Guid recordId, int submission, Address node)
    {
        var record = _pending.Current(recordId, submission);
        if (record is null) return;
        _routes.Owns(record.Request.Bucket, node);
        if (_removedNodes.Contains(node)) SendAgain(record, $"{node} left the cluster");
        else
        {
            record.Accepted(node, Now + _settings.OutcomeTimeout);
            SendNextOfKey(record);
        }
    }

    /// <summary>A record's first terminal result: out of the pending set, its key's next record may go. Null (and counted) for a duplicate.</summary>
    private PendingRecord<TKey, TValue, TContext>? Finish(Guid recordId)
    {
        var record = _pending.Complete(recordId);
        if (record is null)
        {
            _duplicates++;
            _meter.DuplicateDropped();
            return null;
        }
        _order.Done(record.Request.Key);
        SendNextOfKey(record);
        return record;
    }

    /// <summary>The record was accepted or is done: its key's next record may go.</summary>
    private void SendNextOfKey(PendingRecord<TKey, TValue, TContext> record)
    {
        if (_lanes?.Release(record) is { } next) Send(next);
    }

    private void OnDelivered(RecordDelivered delivered)
    {
        if (Finish(delivered.RecordId) is not { } record) return;
        _delivered++;
        record.Caller.Tell(CallerReplies<TKey, TValue, TContext>.Delivered(record.Envelope, delivered));
    }

    private void OnDeadLettered(RecordDeadLettered deadLettered)
    {
        // A node that stopped before finishing is no verdict on the record: another node may deliver it.
        if (deadLettered.Cause == DeadLetterCause.Shutdown && _pending.Find(deadLettered.RecordId) is { } stopped)
        {
            if (stopped.Submission != deadLettered.Submission) return; // a newer submission is on its way
            stopped.TurnedAwayUntil(Now + _settings.RejectedBackoff);
            return;
        }

        if (Finish(deadLettered.RecordId) is not { } record) return;
        _deadLettered++;
        record.Caller.Tell(CallerReplies<TKey, TValue, TContext>.DeadLettered(record.Envelope, deadLettered));
    }

    private void OnRejected(RecordRejected rejected)
    {
        var record = _pending.Current(rejected.RecordId, rejected.Submission);
        if (record is null) return;
        _log.Debug("Record {0} was turned away by a producer node ({1}); sending it again in {2}", rejected.RecordId, rejected.Reason, _settings.RejectedBackoff);
        record.TurnedAwayUntil(Now + _settings.RejectedBackoff);
    }

    private void SendAgain(PendingRecord<TKey, TValue, TContext> record, string why)
    {
        if (record.Unanswered + 1 >= _settings.MaxSubmissions)
        {
            Finish(record.RecordId);
            _deadLettered++;
            record.Caller.Tell(record.GiveUp(DeadLetterCause.AttemptsExhausted,
                $"no outcome from the cluster after {record.Unanswered + 1} unanswered submission(s) (kafka-actors.cluster.submitter.max-submissions); last: {why}"));
            return;
        }
        _log.Debug("Sending record {0} again ({1})", record.RecordId, why);
        Resend(record, unanswered: true);
    }

    private void Resend(PendingRecord<TKey, TValue, TContext> record, bool unanswered)
    {
        _resubmissions++;
        _meter.Resubmitted();
        record.NextSubmission(unanswered);
        Send(record);
    }

    /// <summary>Into its bucket's frame; the frames go once this actor has read its mailbox (a message to itself comes after it).</summary>
    private void Send(PendingRecord<TKey, TValue, TContext> record)
    {
        record.Sent(Now + _settings.AcceptTimeout);
        if (record.Submission == 1) _order.FirstSent(record.Request.Key, record.Sequence);
        else if (_order.SentAgain(record.Request.Key, record.Sequence)) _meter.OrderAtRisk();
        if (_frames.IsEmpty) Self.Tell(SendFrames.Instance);
        if (_frames.Add(record.Request) is { } full) _routes.Send([full], _meter.FrameSent);
    }

    private sealed class CheckOverdue
    {
        public static readonly CheckOverdue Instance = new();
    }

    private sealed class SendFrames
    {
        public static readonly SendFrames Instance = new();
    }
}
