using System.Diagnostics;

namespace KafkaActors;

/// <summary>
/// Failed records waiting for their backoff to pass, earliest due first. Owned by the producer actor
/// and handed to each incarnation of the retry supervisor, so a supervisor crash loses no retry: the
/// restarted supervisor finds them here and schedules them again. Retry-supervisor thread only (and
/// the producer actor once the supervisor has stopped).
/// </summary>
internal sealed class PendingRetries<TKey, TValue, TContext>
{
    private readonly PriorityQueue<Submission<TKey, TValue, TContext>, long> _byDue = new();

    public int Count => _byDue.Count;

    /// <summary>Adds a record due at <paramref name="dueAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Add(Submission<TKey, TValue, TContext> record, long dueAt)
    {
        _byDue.Enqueue(record, dueAt);
        Interlocked.Increment(ref record.Stats.PendingRetries);
    }

    /// <summary>The earliest due time, or null when nothing waits.</summary>
    public long? NextDueAt => _byDue.TryPeek(out _, out var due) ? due : null;

    /// <summary>Takes the earliest record if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, out Submission<TKey, TValue, TContext> record)
    {
        if (_byDue.TryPeek(out record!, out var due) && due <= now)
        {
            _byDue.Dequeue();
            Interlocked.Decrement(ref record.Stats.PendingRetries);
            return true;
        }
        return false;
    }

    /// <summary>Forgets every record (they are accounted for elsewhere) and zeroes their gauges.</summary>
    public void Clear()
    {
        while (_byDue.TryDequeue(out var record, out _)) Interlocked.Decrement(ref record.Stats.PendingRetries);
    }
}
