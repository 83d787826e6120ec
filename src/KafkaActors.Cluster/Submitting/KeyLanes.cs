namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// Per-key order at the front door: a key's next record goes out only once the one before it was
/// accepted by a producer node (which keeps the order of what it accepted). A record that is sent
/// again before anyone accepted it (no answer in time, turned away) therefore still comes first: the
/// key's later records wait here. Records without a key have no lane.
/// </summary>
internal sealed class KeyLanes<TKey, TValue, TContext>
{
    private readonly Dictionary<byte[], Queue<PendingRecord<TKey, TValue, TContext>>?> _lanes = new(KeyBytes.Instance);

    /// <summary>Records held behind an earlier record of their key.</summary>
    public int Held { get; private set; }

    /// <summary>True when the record may go now; false when it waits behind its key's head.</summary>
    public bool TryEnter(PendingRecord<TKey, TValue, TContext> record)
    {
        var key = record.Request.Key;
        if (key is null) return true;
        if (!_lanes.TryGetValue(key, out var waiting))
        {
            _lanes[key] = null; // the record is the lane's head: in flight, nobody waiting yet
            record.IsLaneHead = true;
            return true;
        }
        (waiting ?? (_lanes[key] = new Queue<PendingRecord<TKey, TValue, TContext>>())).Enqueue(record);
        Held++;
        return false;
    }

    /// <summary>
    /// The record was accepted, or is done: if it heads its lane, the key's next record (to send now) or
    /// null. Safe to call more than once per record.
    /// </summary>
    public PendingRecord<TKey, TValue, TContext>? Release(PendingRecord<TKey, TValue, TContext> record)
    {
        if (!record.IsLaneHead) return null;
        record.IsLaneHead = false;
        var key = record.Request.Key!;
        if (_lanes[key] is not { Count: > 0 } waiting)
        {
            _lanes.Remove(key);
            return null;
        }
        var next = waiting.Dequeue();
        Held--;
        next.IsLaneHead = true;
        return next;
    }
}
