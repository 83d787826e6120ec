using System.Runtime.InteropServices;

namespace KafkaActors;

/// <summary>
/// Per-key order across retries. A (topic, key) lane is taken when its record is sent and stays taken
/// until that record is terminal — delivered, or given up on — including while it waits for a retry.
/// Later records of a taken key wait in the lane, in submission order, and leave one at a time. So a
/// key never has two records in flight, and what lands on the partition follows submission order
/// whatever fails. Records with a null key take no lane. Send-gate (stage) thread only.
/// </summary>
internal sealed class KeyLanes<TKey, TValue, TContext>
{
    // A taken lane with nobody waiting maps to null: no queue allocated for the common case.
    private readonly Dictionary<LaneKey, Queue<Submission<TKey, TValue, TContext>>?> _lanes = new(LaneKeyComparer.Instance);
    private readonly Stack<Queue<Submission<TKey, TValue, TContext>>> _spareQueues = new();

    /// <summary>Records waiting behind an earlier record of their key.</summary>
    public int Held { get; private set; }

    /// <summary>Taken lanes.</summary>
    public int Taken => _lanes.Count;

    /// <summary>True: the record may go now (its lane is taken for it). False: it waits in its lane.</summary>
    public bool TryEnter(Submission<TKey, TValue, TContext> record)
    {
        var key = record.Envelope.Message.Key;
        if (key is null) return true;
        ref var waiting = ref CollectionsMarshal.GetValueRefOrAddDefault(_lanes, new LaneKey(record.Envelope.Topic, key), out var taken);
        if (!taken) return true;
        waiting ??= _spareQueues.TryPop(out var spare) ? spare : new Queue<Submission<TKey, TValue, TContext>>();
        waiting.Enqueue(record);
        Held++;
        return false;
    }

    /// <summary>The record is terminal: returns the next record of its key, which now holds the lane, or null.</summary>
    public Submission<TKey, TValue, TContext>? Leave(Submission<TKey, TValue, TContext> record)
    {
        var key = record.Envelope.Message.Key;
        if (key is null) return null;
        var laneKey = new LaneKey(record.Envelope.Topic, key);
        ref var waiting = ref CollectionsMarshal.GetValueRefOrNullRef(_lanes, laneKey);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref waiting)) return null;
        if (waiting is null)
        {
            _lanes.Remove(laneKey);
            return null;
        }
        var next = waiting.Dequeue();
        Held--;
        if (waiting.Count == 0)
        {
            _spareQueues.Push(waiting);
            waiting = null;
        }
        return next;
    }

    private readonly record struct LaneKey(string Topic, TKey Key);

    private sealed class LaneKeyComparer : IEqualityComparer<LaneKey>
    {
        public static readonly LaneKeyComparer Instance = new();
        private static readonly IEqualityComparer<TKey> Keys = KeyComparer.For<TKey>();

        public bool Equals(LaneKey x, LaneKey y) => Keys.Equals(x.Key, y.Key) && string.Equals(x.Topic, y.Topic, StringComparison.Ordinal);

        public int GetHashCode(LaneKey k) => HashCode.Combine(k.Topic, Keys.GetHashCode(k.Key!));
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
