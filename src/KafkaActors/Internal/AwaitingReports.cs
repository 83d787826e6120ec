namespace KafkaActors.Internal;

/// <summary>
/// Records handed to the producer whose delivery report has not been taken yet, as an intrusive
/// doubly linked list: O(1) add and remove with no allocation, and enumerable when a producer dies
/// or the stage stops and every such record must be accounted for. Stage thread only.
/// </summary>
internal sealed class AwaitingReports<TKey, TValue, TContext>
{
    private InFlightRecord<TKey, TValue, TContext>? _head;

    public int Count { get; private set; }

    public void Add(InFlightRecord<TKey, TValue, TContext> record)
    {
        record.AwaitingReport = true;
        record.Previous = null;
        record.Next = _head;
        if (_head is not null) _head.Previous = record;
        _head = record;
        Count++;
    }

    /// <summary>Removes the record if it is still awaited; false for a report that is no longer wanted.</summary>
    public bool TryRemove(InFlightRecord<TKey, TValue, TContext> record)
    {
        if (!record.AwaitingReport) return false;
        record.AwaitingReport = false;
        if (record.Previous is not null) record.Previous.Next = record.Next;
        else _head = record.Next;
        if (record.Next is not null) record.Next.Previous = record.Previous;
        record.Previous = record.Next = null;
        Count--;
        return true;
    }

    /// <summary>Removes and returns every awaited record.</summary>
    public List<InFlightRecord<TKey, TValue, TContext>> RemoveAll()
    {
        var all = new List<InFlightRecord<TKey, TValue, TContext>>(Count);
        while (_head is not null)
        {
            all.Add(_head);
            TryRemove(_head);
        }
        return all;
    }

    public IEnumerable<InFlightRecord<TKey, TValue, TContext>> Snapshot()
    {
        for (var r = _head; r is not null; r = r.Next) yield return r;
    }
}
