using System.Runtime.InteropServices;

namespace KafkaActors;

/// <summary>
/// Strict per-key order (<see cref="KeyOrderMode.Strict"/>). A (topic, key) lane is taken when its record
/// is sent and stays taken until that record is terminal — delivered, or given up on — including while it
/// waits for a retry. Later records of a taken key wait in the lane, in submission order, and leave one at
/// a time. So a key never has two records in flight, and what lands on the partition follows submission
/// order whatever fails. Records with a null key take no lane. Send-gate (stage) thread only.
/// </summary>
internal sealed class KeyLanes<TKey, TValue, TContext>(Action<Submission<TKey, TValue, TContext>> send, Action<Submission<TKey, TValue, TContext>> retry)
    : KeyOrder<TKey, TValue, TContext>(send, retry)
{
    // A taken lane with nobody waiting maps to null: no queue allocated for the common case.
    private readonly Dictionary<LaneKey<TKey>, Queue<Submission<TKey, TValue, TContext>>?> _lanes = new(LaneKey<TKey>.Comparer);
    private readonly Stack<Queue<Submission<TKey, TValue, TContext>>> _spareQueues = new();
    private int _held;

    /// <summary>Records waiting behind an earlier record of their key.</summary>
    public override int Held => _held;

    /// <summary>Taken lanes.</summary>
    public int Taken => _lanes.Count;

    /// <summary>True: the record may go now (its lane is taken for it). False: it waits in its lane.</summary>
    public override bool TryEnter(Submission<TKey, TValue, TContext> record)
    {
        if (LaneKey<TKey>.Of(record) is not { } key) return true;
        ref var waiting = ref CollectionsMarshal.GetValueRefOrAddDefault(_lanes, key, out var taken);
        if (!taken) return true;
        waiting ??= _spareQueues.TryPop(out var spare) ? spare : new Queue<Submission<TKey, TValue, TContext>>();
        waiting.Enqueue(record);
        _held++;
        return false;
    }

    public override void Delivered(Submission<TKey, TValue, TContext> record) => SendNext(record);

    // The record keeps its lane while the supervisor holds it.
    public override void Failed(Submission<TKey, TValue, TContext> record)
    {
    }

    public override void Resend(Submission<TKey, TValue, TContext> record) => Retry(record);

    public override void Released(Submission<TKey, TValue, TContext> record) => SendNext(record);

    private void SendNext(Submission<TKey, TValue, TContext> record)
    {
        if (Leave(record) is { } next) Send(next);
    }

    /// <summary>The record is terminal: returns the next record of its key, which now holds the lane, or null.</summary>
    public Submission<TKey, TValue, TContext>? Leave(Submission<TKey, TValue, TContext> record)
    {
        if (LaneKey<TKey>.Of(record) is not { } laneKey) return null;
        ref var waiting = ref CollectionsMarshal.GetValueRefOrNullRef(_lanes, laneKey);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref waiting)) return null;
        if (waiting is null)
        {
            _lanes.Remove(laneKey);
            return null;
        }
        var next = waiting.Dequeue();
        _held--;
        if (waiting.Count == 0)
        {
            _spareQueues.Push(waiting);
            waiting = null;
        }
        return next;
    }
}

/// <summary>Key equality as Kafka sees it: byte[] keys compare by content, not by reference.</summary>
internal static class KeyComparer
{
    public static IEqualityComparer<TKey> For<TKey>() =>
        typeof(TKey) == typeof(byte[]) ? (IEqualityComparer<TKey>)(object)ByteArrayComparer.Instance : EqualityComparer<TKey>.Default;

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
