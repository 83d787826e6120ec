using Akka.Actor;

namespace KafkaActors.Cluster.Submitting;

/// <summary>
/// The submitter's bounded set of unanswered records, by record id. Knows which node holds which
/// record and which are overdue; decides nothing about sending (the submitter does).
/// </summary>
internal sealed class PendingRecords<TKey, TValue, TContext>
{
    private readonly Dictionary<Guid, PendingRecord<TKey, TValue, TContext>> _byId = new();

    public PendingRecords(int capacity) => Capacity = capacity;

    public int Capacity { get; }

    public int Count => _byId.Count;

    public bool IsFull => _byId.Count >= Capacity;

    /// <summary>Adds a record; false when full or when the id is pending already.</summary>
    public bool TryAdd(PendingRecord<TKey, TValue, TContext> record) => !IsFull && _byId.TryAdd(record.RecordId, record);

    public PendingRecord<TKey, TValue, TContext>? Find(Guid recordId) => _byId.GetValueOrDefault(recordId);

    /// <summary>The record if <paramref name="submission"/> is its current one; answers to older submissions are stale.</summary>
    public PendingRecord<TKey, TValue, TContext>? Current(Guid recordId, int submission) =>
        _byId.TryGetValue(recordId, out var record) && record.Submission == submission ? record : null;

    /// <summary>
    /// Takes a record out on its first terminal result, from whichever submission it came. Null means
    /// the record was answered already (or never was ours): a duplicate.
    /// </summary>
    public PendingRecord<TKey, TValue, TContext>? Complete(Guid recordId) =>
        _byId.Remove(recordId, out var record) ? record : null;

    /// <summary>
    /// Records that are, or most likely are, on <paramref name="node"/>, in submission order: those it
    /// acknowledged, and unacknowledged ones sent to a bucket it was last seen owning (sent to a node
    /// that died, they are lost, and waiting for the accept timeout would only delay them).
    /// </summary>
    public IReadOnlyList<PendingRecord<TKey, TValue, TContext>> On(Address node, IReadOnlyDictionary<int, Address> bucketOwners) =>
        InOrder(r => node.Equals(r.HeldBy)
                     || (r.HeldBy is null && !r.TurnedAway && !r.IsHeld && bucketOwners.TryGetValue(r.Request.Bucket, out var owner) && node.Equals(owner)));

    /// <summary>Records whose answer is overdue at <paramref name="now"/>, in submission order.</summary>
    public IReadOnlyList<PendingRecord<TKey, TValue, TContext>> Overdue(TimeSpan now) =>
        InOrder(r => r.DueAt <= now);

    /// <summary>Empties the set, in submission order.</summary>
    public IReadOnlyList<PendingRecord<TKey, TValue, TContext>> Drain()
    {
        var all = InOrder(_ => true);
        _byId.Clear();
        return all;
    }

    private List<PendingRecord<TKey, TValue, TContext>> InOrder(Func<PendingRecord<TKey, TValue, TContext>, bool> predicate)
    {
        var found = new List<PendingRecord<TKey, TValue, TContext>>();
        foreach (var record in _byId.Values)
            if (predicate(record)) found.Add(record);
        found.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return found;
    }
}
