namespace KafkaActors.Cluster;

/// <summary>
/// One front door's share of <see cref="ClusterMetrics"/>. The actor writes, the meter's collector reads
/// from another thread: the pending count is published once per message, not computed on collection.
/// </summary>
internal sealed class SubmitterMeter : IDisposable
{
    private int _pending;

    public SubmitterMeter(string node)
    {
        Node = node;
        Tag = new KeyValuePair<string, object?>(ClusterMetrics.NodeTag, node);
        ClusterMetrics.Register(this);
    }

    public string Node { get; }

    public KeyValuePair<string, object?> Tag { get; }

    public int Pending
    {
        get => Volatile.Read(ref _pending);
        set => Volatile.Write(ref _pending, value);
    }

    public void Resubmitted() => ClusterMetrics.ResubmittedCounter.Add(1, Tag);

    public void DuplicateDropped() => ClusterMetrics.DuplicateResultsCounter.Add(1, Tag);

    public void OrderAtRisk() => ClusterMetrics.OrderAtRiskCounter.Add(1, Tag);

    public void FrameSent(int records) => ClusterMetrics.RecordFrame(Tag, ClusterMetrics.RequestFrame, records);

    public void Dispose() => ClusterMetrics.Unregister(this);
}
