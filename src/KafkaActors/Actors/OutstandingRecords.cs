namespace KafkaActors.Internal;

/// <summary>
/// Every record the producer actor accepted and has not yet given a terminal outcome, as an intrusive
/// doubly linked list (O(1), no allocation). Removing a record is what makes an outcome terminal, and
/// it succeeds once per record: a late report for a record already dead-lettered at shutdown is
/// ignored. Whatever is still here when the actor stops is dead-lettered with reason Shutdown.
/// Producer-actor thread only.
/// </summary>
internal sealed class OutstandingRecords<TKey, TValue, TContext>
{
    private Submission<TKey, TValue, TContext>? _head;

    public int Count { get; private set; }

    public void Add(Submission<TKey, TValue, TContext> record)
    {
        record.Outstanding = true;
        record.Previous = null;
        record.Next = _head;
        if (_head is not null) _head.Previous = record;
        _head = record;
        Count++;
    }

    /// <summary>False when the record already had its terminal outcome.</summary>
    public bool TryRemove(Submission<TKey, TValue, TContext> record)
    {
        if (!record.Outstanding) return false;
        record.Outstanding = false;
        if (record.Previous is not null) record.Previous.Next = record.Next;
        else _head = record.Next;
        if (record.Next is not null) record.Next.Previous = record.Previous;
        record.Previous = record.Next = null;
        Count--;
        return true;
    }

    /// <summary>Removes and returns every outstanding record, oldest first.</summary>
    public List<Submission<TKey, TValue, TContext>> RemoveAll()
    {
        var all = new List<Submission<TKey, TValue, TContext>>(Count);
        while (_head is not null)
        {
            all.Add(_head);
            TryRemove(_head);
        }
        all.Reverse();
        return all;
    }
}
