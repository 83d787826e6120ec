using Akka.Actor;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Routing;

namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// The submitter's outgoing requests, gathered per bucket into <see cref="ProduceFrame"/>s. A frame is
/// handed out when it reaches its bound (records or estimated bytes) or when the submitter drains all
/// of them (once it has read its mailbox): nothing waits on a timer.
/// </summary>
internal sealed class RequestFrames
{
    /// <summary>Records per frame, at most.</summary>
    public const int MaxRecords = 256;

    /// <summary>Estimated bytes per frame, at most: well under Akka.Remote's default maximum frame (128,000 bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly IActorRef _replyTo;
    private readonly int _buckets;
    private readonly Dictionary<int, Open> _open = new();
    private int _nullKeyBucket;

    public RequestFrames(IActorRef replyTo, int buckets)
    {
        _replyTo = replyTo;
        _buckets = buckets;
    }

    public bool IsEmpty => _open.Count == 0;

    /// <summary>
    /// Keyed records go to their key's bucket; records without a key go round the buckets a frame at a time
    /// (one bucket until its frame goes): round the buckets record by record, they made frames of one or two.
    /// </summary>
    public int BucketOf(byte[]? key) => key is null ? _nullKeyBucket : KeyBuckets.BucketOf(key, _buckets);

    /// <summary>Adds a request to its bucket's frame; returns a frame that is full and must go now, if any.</summary>
    public ProduceFrame? Add(ProduceRequest request)
    {
        var size = EstimatedBytes(request);
        ProduceFrame? full = null;
        if (_open.TryGetValue(request.Bucket, out var open) && open.Bytes + size > MaxBytes)
        {
            full = Close(request.Bucket, open);
            open = null;
        }
        if (open is null) _open[request.Bucket] = open = new Open();
        open.Requests.Add(request);
        open.Bytes += size;
        if (full is null && open.Requests.Count >= MaxRecords) full = Close(request.Bucket, open);
        return full;
    }

    /// <summary>Every open frame, emptied.</summary>
    public IReadOnlyList<ProduceFrame> Drain()
    {
        var frames = _open.Select(o => new ProduceFrame(o.Key, _replyTo, o.Value.Requests)).ToList();
        if (_open.ContainsKey(_nullKeyBucket)) NextNullKeyBucket();
        _open.Clear();
        return frames;
    }

    private ProduceFrame Close(int bucket, Open open)
    {
        _open.Remove(bucket);
        if (bucket == _nullKeyBucket) NextNullKeyBucket();
        return new ProduceFrame(bucket, _replyTo, open.Requests);
    }

    private void NextNullKeyBucket() => _nullKeyBucket = (_nullKeyBucket + 1) % _buckets;

    // Strings count three bytes a char (UTF-8's worst case below the surrogates): an upper bound, cheaply.
    public static int EstimatedBytes(ProduceRequest r)
    {
        var size = 64 + 3 * r.Topic.Length + (r.Key?.Length ?? 0) + (r.Value?.Length ?? 0);
        foreach (var h in r.Headers) size += 8 + 3 * h.Key.Length + (h.Value?.Length ?? 0);
        return size;
    }

    private sealed class Open
    {
        public List<ProduceRequest> Requests { get; } = new();

        public int Bytes { get; set; }
    }
}
