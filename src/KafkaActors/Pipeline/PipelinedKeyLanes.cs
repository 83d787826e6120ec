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
/// reported. Records with a null key take no lane. A lane left idle (nothing in flight, nothing failed) stays in the
/// table for the key's next record, until the table holds more than <see cref="IdleLanesSweptAbove"/> lanes: then the idle
/// ones go at once. With 10,000 keys in a 10,000-record window nearly every record found its lane empty, and dropping it to
/// make it again for the key's next record cost a second and third hash lookup per record (2026-12-04, measured at
/// 1.61× `off`'s CPU per record once the client's own cost had fallen). Send-gate (stage) thread only.
/// </summary>
internal sealed class PipelinedKeyLanes<TKey, TValue, TContext>(
    Action<Submission<TKey, TValue, TContext>> send, Action<Submission<TKey, TValue, TContext>> retry,
    Action<Submission<TKey, TValue, TContext>, long> reordered)
    : KeyOrder<TKey, TValue, TContext>(send, retry)
{
    private readonly Dictionary<LaneKey<TKey>, Lane> _lanes = new(LaneKey<TKey>.Comparer);
    private int _held;
    private int _sweepAt = IdleLanesSweptAbove;

    /// <summary>The table is swept of idle lanes when it grows past this (or twice what a sweep left): bounded memory whatever the key space.</summary>
    public const int IdleLanesSweptAbove = 16_384;

    /// <summary>Records waiting behind a failed record of their key, and re-sends waiting their turn.</summary>
    public override int Held => _held;

    /// <summary>Keys with records in flight or recovering from a failure.</summary>
    public int Lanes => _lanes.Values.Count(lane => !lane.Idle);

    /// <summary>Lanes in the table, idle ones included.</summary>
    public int Kept => _lanes.Count;

    public override bool TryEnter(Submission<TKey, TValue, TContext> record)
    {
        if (LaneKey<TKey>.Of(record) is not { } key) return true;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_lanes, key, out var exists); // the one lookup per record
        if (!exists) slot = new Lane(key);
        var lane = slot!;
        // The record keeps its lane from here until it leaves it: its outcome finds the lane without a lookup.
        record.KeyLane = lane;
        if (lane.Recovering)
        {
            lane.Waiting.Enqueue(record);
            _held++;
            return false;
        }
        lane.InFlight++;
        // After the new lane holds its record, so the sweep leaves it.
        if (!exists && _lanes.Count > _sweepAt) SweepIdle();
        return true;
    }

    public override void Delivered(Submission<TKey, TValue, TContext> record)
    {
        if (Leave(record) is not { } lane) return;
        lane.InFlight--;
        if (record.Sequence < lane.HighestDelivered) reordered(record, lane.HighestDelivered);
        else lane.HighestDelivered = record.Sequence;
        Advance(lane);
    }

    public override void Failed(Submission<TKey, TValue, TContext> record)
    {
        if (record.KeyLane is not { } lane) return;
        lane.InFlight--;
        lane.Recovering = true;
        lane.Insert(record);
    }

    public override void Resend(Submission<TKey, TValue, TContext> record)
    {
        if (record.KeyLane is not { } lane)
        {
            Retry(record);
            return;
        }
        lane.MarkDue(record);
        _held++;
        Advance(lane);
    }

    public override void Released(Submission<TKey, TValue, TContext> record)
    {
        if (Leave(record) is not { } lane) return;
        lane.Remove(record);
        Advance(lane);
    }

    // Idle lanes out of the table. The next sweep waits for as many new lanes as the table kept, so sweeps cost a constant
    // per record even when most lanes are busy.
    private void SweepIdle()
    {
        foreach (var (key, lane) in _lanes)
            if (lane.Idle) _lanes.Remove(key);
        _sweepAt = Math.Max(IdleLanesSweptAbove, 2 * _lanes.Count);
    }

    // The record is done with its lane (delivered, or given up on).
    private static Lane? Leave(Submission<TKey, TValue, TContext> record)
    {
        var lane = record.KeyLane;
        record.KeyLane = null;
        return lane;
    }

    // Next step of a recovering lane: the failed records that are due, from the earliest on, up to the
    // first one still waiting out its backoff; once every failed record is settled and nothing is in
    // flight (a re-send that fails again must not be overtaken), the records that waited.
    private void Advance(Lane lane)
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
    }

    /// <summary>A key's place in the order: what of it is in flight, failed, or waiting behind a failure.</summary>
    internal sealed class Lane(LaneKey<TKey> key)
    {
        /// <summary>The key whose lane this is.</summary>
        public LaneKey<TKey> Key { get; } = key;

        // Failed records of the key not yet settled, in submission order; Due once the supervisor re-sent them.
        private readonly List<(Submission<TKey, TValue, TContext> Record, bool Due)> _failed = new();

        public readonly Queue<Submission<TKey, TValue, TContext>> Waiting = new();
        public int InFlight;
        public long HighestDelivered = -1;

        /// <summary>From a failure until its failed records are settled and nothing of the key is in flight.</summary>
        public bool Recovering;

        public int FailedCount => _failed.Count;

        /// <summary>Nothing of the key in flight, failed or waiting: the lane may leave the table.</summary>
        public bool Idle => !Recovering && InFlight == 0;

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
