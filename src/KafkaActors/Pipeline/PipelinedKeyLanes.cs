using System.Runtime.InteropServices;

namespace KafkaActors;

/// <summary>
/// Pipelined per-key order (<see cref="KeyOrderMode.On"/>). A key's records go as they come and may be in
/// flight together: the client keeps them in order within their partition, through its own retries. A
/// key gets a lane while it has records in flight. When one of them fails, the lane recovers: records of
/// the key not yet sent wait; the failed ones (the first and any in flight that fail after it) are re-sent
/// in submission order, each once the supervisor's backoff is over for it and for every failed record
/// before it, so re-sends are in flight together too (a hot key with thousands of timed-out records does
/// not come back one round trip at a time); when none is left and nothing of the key is in flight, the
/// waiting records go.
/// A later record that was already in flight when an earlier one failed can still land first: that
/// reorder is seen when the earlier one is delivered, below the key's highest delivered sequence, and
/// reported. Records with a null key take no lane. Send-gate (stage) thread only.
/// </summary>
internal sealed class PipelinedKeyLanes<TKey, TValue, TContext>(
    Action<Submission<TKey, TValue, TContext>> send, Action<Submission<TKey, TValue, TContext>> retry,
    Action<Submission<TKey, TValue, TContext>, long> reordered)
    : KeyOrder<TKey, TValue, TContext>(send, retry)
{
    private readonly Dictionary<LaneKey<TKey>, Lane> _lanes = new(LaneKey<TKey>.Comparer);
    private readonly Stack<Lane> _spare = new();
    private int _held;

    /// <summary>Records waiting behind a failed record of their key, and re-sends waiting their turn.</summary>
    public override int Held => _held;

    /// <summary>Keys with records in flight or recovering from a failure.</summary>
    public int Lanes => _lanes.Count;

    public override bool TryEnter(Submission<TKey, TValue, TContext> record)
    {
        if (LaneKey<TKey>.Of(record) is not { } key) return true;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lanes, key, out _); // one lookup per record
        var lane = slot ??= _spare.TryPop(out var spare) ? spare : new Lane();
        if (lane.Recovering)
        {
            lane.Waiting.Enqueue(record);
            _held++;
            return false;
        }
        lane.InFlight++;
        return true;
    }

    public override void Delivered(Submission<TKey, TValue, TContext> record)
    {
        if (Find(record) is not var (key, lane)) return;
        lane.InFlight--;
        if (record.Sequence < lane.HighestDelivered) reordered(record, lane.HighestDelivered);
        else lane.HighestDelivered = record.Sequence;
        Advance(key, lane);
    }

    public override void Failed(Submission<TKey, TValue, TContext> record)
    {
        if (Find(record) is not var (_, lane)) return;
        lane.InFlight--;
        lane.Recovering = true;
        lane.Insert(record);
    }

    public override void Resend(Submission<TKey, TValue, TContext> record)
    {
        if (Find(record) is not var (key, lane))
        {
            Retry(record);
            return;
        }
        lane.MarkDue(record);
        _held++;
        Advance(key, lane);
    }

    public override void Released(Submission<TKey, TValue, TContext> record)
    {
        if (Find(record) is not var (key, lane)) return;
        lane.Remove(record);
        Advance(key, lane);
    }

    private (LaneKey<TKey> Key, Lane Lane)? Find(Submission<TKey, TValue, TContext> record) =>
        LaneKey<TKey>.Of(record) is { } key && _lanes.TryGetValue(key, out var lane) ? (key, lane) : null;

    // Next step of a recovering lane: the failed records that are due, from the earliest on, up to the
    // first one still waiting out its backoff; once every failed record is settled and nothing is in
    // flight (a re-send that fails again must not be overtaken), the records that waited.
    private void Advance(LaneKey<TKey> key, Lane lane)
    {
        while (lane.TakeDueHead() is { } retry)
        {
            _held--;
            lane.InFlight++;
            Retry(retry);
        }
        if (lane.Recovering && lane.FailedCount == 0 && lane.InFlight == 0)
        {
            lane.Recovering = false;
            _held -= lane.Waiting.Count;
            while (lane.Waiting.TryDequeue(out var waiting))
            {
                lane.InFlight++;
                Send(waiting);
            }
        }
        if (!lane.Recovering && lane.InFlight == 0)
        {
            _lanes.Remove(key);
            lane.HighestDelivered = -1;
            _spare.Push(lane);
        }
    }

    private sealed class Lane
    {
        // Failed records of the key not yet settled, in submission order; Due once the supervisor re-sent them.
        private readonly List<(Submission<TKey, TValue, TContext> Record, bool Due)> _failed = new();

        public readonly Queue<Submission<TKey, TValue, TContext>> Waiting = new();
        public int InFlight;
        public long HighestDelivered = -1;

        /// <summary>From a failure until its failed records are settled and nothing of the key is in flight.</summary>
        public bool Recovering;

        public int FailedCount => _failed.Count;

        public void Insert(Submission<TKey, TValue, TContext> record)
        {
            var at = _failed.Count;
            while (at > 0 && _failed[at - 1].Record.Sequence > record.Sequence) at--;
            _failed.Insert(at, (record, false));
        }

        public void MarkDue(Submission<TKey, TValue, TContext> record) => _failed[IndexOf(record)] = (record, true);

        public void Remove(Submission<TKey, TValue, TContext> record) => _failed.RemoveAt(IndexOf(record));

        public Submission<TKey, TValue, TContext>? TakeDueHead()
        {
            if (_failed.Count == 0 || !_failed[0].Due) return null;
            var head = _failed[0].Record;
            _failed.RemoveAt(0);
            return head;
        }

        private int IndexOf(Submission<TKey, TValue, TContext> record)
        {
            for (var i = 0; i < _failed.Count; i++)
                if (ReferenceEquals(_failed[i].Record, record)) return i;
            throw new InvalidOperationException($"{record} is not among its key's failed records");
        }
    }
}
