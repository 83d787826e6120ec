namespace KafkaActors.Durability;

/// <summary>
/// What the journal says is left to do: records accepted whose finish is not journaled. Rebuilt on recovery
/// from the latest snapshot and the events after it, kept current after each write, and snapshotted whole.
/// </summary>
internal sealed class JournalState
{
    private readonly Dictionary<Guid, DurableRecord> _open = new();

    public IReadOnlyCollection<DurableRecord> Open => _open.Values;

    public void RecoverSnapshot(byte[] snapshot)
    {
        foreach (var record in JournalFormat.ReadSnapshot(snapshot)) _open[record.Id] = record;
    }

    public void RecoverBatch(byte[] batch)
    {
        var (accepted, finished) = JournalFormat.ReadBatch(batch);
        Written(accepted, finished);
    }

    /// <summary>A write succeeded: its records are open, the ids it finishes are not.</summary>
    public void Written(IEnumerable<DurableRecord> accepted, IEnumerable<Guid> finished)
    {
        foreach (var record in accepted) _open[record.Id] = record;
        foreach (var id in finished) _open.Remove(id);
    }

    public byte[] Snapshot() => JournalFormat.Snapshot(_open.Values);
}
