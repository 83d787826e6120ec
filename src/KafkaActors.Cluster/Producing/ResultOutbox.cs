using Akka.Actor;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Producing;

/// <summary>
/// The producer node's way back to the submitters: bucket entities hand it every acceptance and result,
/// and it sends them on as one <see cref="ResultFrame"/> per submitter. A frame goes when the outbox has
/// read what is in its mailbox (a flush it sent itself comes after it) or when it reaches its bound, so
/// batching costs no timer and no added wait when the node is idle.
/// </summary>
internal sealed class ResultOutbox : UntypedActor
{
    /// <summary>Items (acceptances and results) per frame, at most.</summary>
    public const int MaxItems = 256;

    /// <summary>Estimated bytes per frame, at most: well under Akka.Remote's default maximum frame (128,000 bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly Address _node;
    private readonly KeyValuePair<string, object?> _nodeTag;
    private readonly Dictionary<IActorRef, Pending> _pending = new();
    private bool _flushScheduled;

    public ResultOutbox(Address node)
    {
        _node = node;
        _nodeTag = new KeyValuePair<string, object?>(ClusterMetrics.NodeTag, node.ToString());
    }

    public static Props Props(Address node) => Akka.Actor.Props.Create(() => new ResultOutbox(node));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Accepted a:
                var forAccepted = Add(a.ReplyTo);
                forAccepted.Accepted.Add(new AcceptedSubmission(a.RecordId, a.Submission));
                forAccepted.Bytes += 20;
                SendIfFull(a.ReplyTo, forAccepted);
                break;
            case Result r:
                var forResult = Add(r.ReplyTo);
                forResult.Results.Add(r.Value);
                forResult.Bytes += EstimatedBytes(r.Value);
                SendIfFull(r.ReplyTo, forResult);
                break;
            case Flush:
                _flushScheduled = false;
                foreach (var (replyTo, pending) in _pending) Send(replyTo, pending);
                _pending.Clear();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private Pending Add(IActorRef replyTo)
    {
        if (!_flushScheduled)
        {
            _flushScheduled = true;
            Self.Tell(Flush.Instance);
        }
        if (!_pending.TryGetValue(replyTo, out var pending)) _pending[replyTo] = pending = new Pending();
        return pending;
    }

    private void SendIfFull(IActorRef replyTo, Pending pending)
    {
        if (pending.Accepted.Count + pending.Results.Count < MaxItems && pending.Bytes < MaxBytes) return;
        Send(replyTo, pending);
        _pending.Remove(replyTo);
    }

    private void Send(IActorRef replyTo, Pending pending)
    {
        ClusterMetrics.RecordFrame(_nodeTag, ClusterMetrics.ResultFrame, pending.Accepted.Count + pending.Results.Count);
        replyTo.Tell(new ResultFrame(_node, pending.Accepted, pending.Results));
    }

    // Strings count three bytes a char (UTF-8's worst case below the surrogates): an upper bound, cheaply.
    private static int EstimatedBytes(IRecordResult result) => result switch
    {
        RecordDelivered => 48,
        RecordRejected r => 32 + 3 * r.Reason.Length,
        RecordDeadLettered d => 128 + 3 * (Length(d.Error) + Length(d.PublishError) + (d.DeadLetterTopicPartitionOffset?.Topic.Length ?? 0)),
        _ => 256,
    };

    private static int Length(WireError? e) =>
        e is null ? 0 : e.Reason.Length + (e.ExceptionType?.Length ?? 0) + (e.ExceptionMessage?.Length ?? 0);

    private sealed class Pending
    {
        public int Bytes { get; set; }

        public List<AcceptedSubmission> Accepted { get; } = new();

        public List<IRecordResult> Results { get; } = new();
    }

    /// <summary>A bucket entity handed a submission to the producer.</summary>
    public sealed record Accepted(IActorRef ReplyTo, Guid RecordId, int Submission);

    /// <summary>A submission's result, for its submitter.</summary>
    public sealed record Result(IActorRef ReplyTo, IRecordResult Value);

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }
}
