using System.Collections.Concurrent;

namespace KafkaActors;

/// <summary>
/// A queue from any thread to one reader that wakes the reader at most once per batch: the first item after the
/// reader re-armed calls <c>wake</c>, later ones only queue until the reader re-arms again. At full speed a reader
/// takes hundreds of items per wake-up; when it is idle the first item wakes it at once, so nothing waits.
/// </summary>
internal sealed class HandOffQueue<T>
{
    private readonly ConcurrentQueue<T> _queue = new();
    private readonly Action _wake;
    private int _signalled;
    // The batch-adding thread's own count. A stage's Flush on stop serves reports on the stage's thread, after the sender
    // thread has stopped; only when that thread hangs can both add at once, and their race can only move a wake-up.
    private int _batchAdded;

    /// <summary>
    /// Within a batch, the reader is woken again after this many items: often enough that a reader with a bounded
    /// window keeps its records moving (the producer actor, measured 2026-12-01: per-batch wake-ups alone cost it ~10 %
    /// of its records/s), rarely enough that wake-ups are a few per thousand records.
    /// </summary>
    public const int BatchWakeEvery = 512;

    /// <summary>Within a batch, the batch step (<see cref="StepBatchesWith"/>) runs after this many items.</summary>
    public const int BatchStepEvery = 128;

    private Action? _batchStep;

    public HandOffQueue(Action wake) => _wake = wake;

    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>Any thread: queue the item, and wake the reader unless a wake-up is pending.</summary>
    public void Add(T item)
    {
        _queue.Enqueue(item);
        Wake();
    }

    /// <summary>
    /// One thread that adds items in batches (a <c>Poll</c>'s delivery reports), then calls <see cref="EndBatch"/>: the
    /// reader is woken for the batch's first item (so it starts while the rest come), for every
    /// <see cref="BatchWakeEvery"/>th, and at the end; not for every burst in between as with <see cref="Add"/>.
    /// </summary>
    public void AddInBatch(T item)
    {
        _queue.Enqueue(item);
        var added = ++_batchAdded;
        if (added == 1 || added % BatchWakeEvery == 0) Wake();
        if (added % BatchStepEvery == 0) _batchStep?.Invoke();
    }

    /// <summary>
    /// Before the first batch: <paramref name="step"/> runs on the batch-adding thread after every
    /// <see cref="BatchStepEvery"/>th item of a batch (the stage's client thread hands records over between reports).
    /// </summary>
    public void StepBatchesWith(Action step) => _batchStep = step;

    /// <summary>The batch of <see cref="AddInBatch"/> is complete: wake the reader unless nothing is queued.</summary>
    public void EndBatch()
    {
        _batchAdded = 0;
        if (!_queue.IsEmpty) Wake();
    }

    private void Wake()
    {
        // Read before exchanging: most items find a wake-up pending, and a read leaves the cache line shared.
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0) _wake();
    }

    /// <summary>
    /// The reader, on its wake-up, before it takes: the next item wakes it again. A full fence (a volatile write may
    /// pass the reads that follow): an item queued meanwhile is either taken now or sends a new wake-up.
    /// </summary>
    public void Rearm() => Interlocked.Exchange(ref _signalled, 0);

    /// <summary>The reader: the oldest item, if any. Taking without re-arming is fine whenever the reader is running anyway.</summary>
    public bool TryTake(out T item) => _queue.TryDequeue(out item!);

    /// <summary>The reader, on its wake-up: re-arm, then every item queued so far, oldest first.</summary>
    public void TakeAll(Action<T> take)
    {
        Rearm();
        while (_queue.TryDequeue(out var item)) take(item);
    }
}
