using Akka.Actor;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// Where a submitter's frames go. A bucket whose owner it has seen (a node accepted one of its records) goes
/// straight to that node's inbox, in one <see cref="NodeFrame"/> per node, bounded by records and bytes; a bucket
/// with no known owner, or one on a node that is leaving, unreachable or gone, goes through the shard region.
/// </summary>
internal sealed class NodeRoutes
{
    /// <summary>Records per node frame, at most.</summary>
    public const int MaxRecords = 2048;

    /// <summary>Estimated bytes per node frame, at most: the request frames' bound.</summary>
    public const int MaxBytes = RequestFrames.MaxBytes;

    private readonly IActorRef _region;
    private readonly IActorRef _replyTo;
    private readonly Func<Address, IActorRef> _inboxOf;
    private readonly Dictionary<int, Address> _owners = new();
    private readonly HashSet<Address> _leaving = new();
    private readonly HashSet<Address> _unreachable = new();
    private readonly Dictionary<Address, IActorRef> _inboxes = new();
    private readonly Dictionary<Address, Open> _open = new();

    public NodeRoutes(IActorRef region, IActorRef replyTo, Func<Address, IActorRef> inboxOf)
    {
        _region = region;
        _replyTo = replyTo;
        _inboxOf = inboxOf;
    }

    /// <summary>The node that last accepted a record of each bucket.</summary>
    public IReadOnlyDictionary<int, Address> Owners => _owners;

    public void Owns(int bucket, Address node) => _owners[bucket] = node;

    /// <summary>The node is leaving: its buckets go through sharding from now on.</summary>
    public void Leaving(Address node) => _leaving.Add(node);

    /// <summary>The node is unreachable: its buckets go through sharding until it is reachable again.</summary>
    public void Unreachable(Address node, bool unreachable)
    {
        if (unreachable) _unreachable.Add(node);
        else _unreachable.Remove(node);
    }

    /// <summary>The node was removed: nothing it owned is its any more.</summary>
    public void Forget(Address node)
    {
        _leaving.Add(node);
        _inboxes.Remove(node);
        foreach (var bucket in _owners.Where(b => b.Value.Equals(node)).Select(b => b.Key).ToList()) _owners.Remove(bucket);
    }

    /// <summary>Sends the frames; <paramref name="sent"/> hears of every remote message and its record count.</summary>
    public void Send(IEnumerable<ProduceFrame> frames, Action<int> sent)
    {
        foreach (var frame in frames)
        {
            if (!_owners.TryGetValue(frame.Bucket, out var node) || _leaving.Contains(node) || _unreachable.Contains(node))
            {
                sent(frame.Requests.Count);
                _region.Tell(frame, _replyTo);
                continue;
            }
            var bytes = frame.Requests.Sum(RequestFrames.EstimatedBytes);
            if (_open.TryGetValue(node, out var open) && (open.Records + frame.Requests.Count > MaxRecords || open.Bytes + bytes > MaxBytes))
            {
                Flush(node, open, sent);
                open = null;
            }
            if (open is null) _open[node] = open = new Open();
            open.Frames.Add(frame);
            open.Records += frame.Requests.Count;
            open.Bytes += bytes;
        }
        foreach (var (node, open) in _open) Flush(node, open, sent, remove: false);
        _open.Clear();
    }

    private void Flush(Address node, Open open, Action<int> sent, bool remove = true)
    {
        if (remove) _open.Remove(node);
        if (!_inboxes.TryGetValue(node, out var inbox)) _inboxes[node] = inbox = _inboxOf(node);
        sent(open.Records);
        inbox.Tell(new NodeFrame(_replyTo, open.Frames), _replyTo);
    }

    private sealed class Open
    {
        public List<ProduceFrame> Frames { get; } = new();

        public int Records { get; set; }

        public int Bytes { get; set; }
    }
}
