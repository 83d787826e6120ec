namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// Detects the one case where the front door cannot keep a key's order: a record is sent again after a
/// later record of its key already went out (its node was removed, or stopped, after accepting it). The
/// later record may then land first. Per key with pending records: the newest submission order sent.
/// </summary>
internal sealed class KeyOrderWatch
{
    private readonly Dictionary<byte[], Lane> _keys = new(KeyBytes.Instance);

    /// <summary>Records sent again behind a later record of their key: their key's order is at risk.</summary>
    public long AtRisk { get; private set; }

    /// <summary>A keyed record became pending.</summary>
    public void Pending(byte[]? key)
    {
        if (key is null) return;
        if (_keys.TryGetValue(key, out var lane)) lane.Pending++;
        else _keys[key] = new Lane { Pending = 1 };
    }

    /// <summary>The first submission of record <paramref name="sequence"/> goes out.</summary>
    public void FirstSent(byte[]? key, long sequence)
    {
        if (key is not null && _keys.TryGetValue(key, out var lane) && sequence > lane.NewestSent) lane.NewestSent = sequence;
    }

    /// <summary>Record <paramref name="sequence"/> goes out again; true (and counted) when a later record of its key went before.</summary>
    public bool SentAgain(byte[]? key, long sequence)
    {
        if (key is null || !_keys.TryGetValue(key, out var lane) || lane.NewestSent <= sequence) return false;
        AtRisk++;
        return true;
    }

    /// <summary>A keyed record is answered (or given up).</summary>
    public void Done(byte[]? key)
    {
        if (key is null || !_keys.TryGetValue(key, out var lane)) return;
        if (--lane.Pending == 0) _keys.Remove(key);
    }

    private sealed class Lane
    {
        public int Pending { get; set; }

        public long NewestSent { get; set; }
    }
}
