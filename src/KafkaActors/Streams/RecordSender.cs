using System.Collections.Concurrent;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The thread that hands records to librdkafka for one producer stage, and for a producer the stage built itself also serves
/// its delivery reports. <c>Produce</c> is the costliest step per record; doing it here lets the stream's own work (pulling,
/// bookkeeping, emitting) run on the other core at the same time. One FIFO queue and one thread keep submission order per
/// partition. A record that cannot be handed over comes back through <c>onSendFailure</c> with its error, exactly like a failed
/// delivery report.
/// </summary>
/// <remarks>
/// With a <see cref="PollWaker"/> (a stage-built producer, background poll off) this one thread does what a sender thread and
/// Confluent's poll thread did: it hands over up to <see cref="HandBatch"/> records, serves the reports that are ready
/// (<c>Poll(0)</c>), and when nothing is left to send waits in <c>Poll</c> itself, woken by the next record through the waker.
/// The reports of one Poll are queued for the stage with one wake-up per batch (<c>afterPoll</c>). Measured 2026-12-01 on 2
/// cores (slow hours of the VM): this thread 1.07–1.45 µs per record for both jobs, against 1.24–1.9 µs for a sender thread
/// plus a poll thread, since a record and its report are handled by one core; the flow's CPU per record went from
/// 1.19–1.39× raw's to 1.06–1.19× in a paired run.
/// Without a waker (a shared producer, polled by Confluent's thread) the thread sleeps on a semaphore when idle.
/// </remarks>
internal sealed class RecordSender<TKey, TValue, TContext, TIn>
{
    /// <summary>Records handed over between two looks at the delivery reports, at full speed.</summary>
    public const int HandBatch = 256;

    // librdkafka's own queue is full: wait this long for delivery reports to make room, then try again.
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(1);

    // How long an idle Poll waits when no record comes: what a stop waits at most when the waker is not heard.
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<InFlightRecord<TKey, TValue, TContext, TIn>> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Action<InFlightRecord<TKey, TValue, TContext, TIn>> _onSendFailure;
    private readonly Action _afterPoll;
    private readonly Thread _thread;
    private readonly bool _polls;
    // The stage's thread only (Send, Replace, Stop): the waker of the producer now in use.
    private PollWaker? _waker;
    // Published by Replace, taken by this thread at its next record or turn.
    private volatile IProducer<TKey, TValue>? _replacement;
    private volatile bool _stopping;
    private int _idle;
    // This thread only. The producer whose Poll (of RunPolling) this thread is in, else null: records may go out between
    // its reports. Null in the Poll of a full queue (the record being handed must go first).
    private IProducer<TKey, TValue>? _polling;
    // This thread only: taken from the queue between reports and refused by a full librdkafka queue; goes first at the next turn.
    private InFlightRecord<TKey, TValue, TContext, TIn>? _held;
    private readonly int _threadId;
    private long _handedBetweenReports;
    private long _heldForRoom;

    /// <param name="producer">The producer records go to.</param>
    /// <param name="onSendFailure">A record that could not be handed over, with its error set.</param>
    /// <param name="waker">The producer's poll waker: this thread then polls it (it must be built with background poll off).</param>
    /// <param name="afterPoll">With a waker: called on this thread after every Poll (end the batch of reports).</param>
    public RecordSender(IProducer<TKey, TValue> producer, Action<InFlightRecord<TKey, TValue, TContext, TIn>> onSendFailure,
        PollWaker? waker = null, Action? afterPoll = null)
    {
        _onSendFailure = onSendFailure;
        _waker = waker;
        _polls = waker is not null;
        _afterPoll = afterPoll ?? (() => { });
        _thread = waker is null
            ? new Thread(RunHanding) { IsBackground = true, Name = "kafka-actors-sender" }
            : new Thread(RunPolling) { IsBackground = true, Name = "kafka-actors-client" };
        _threadId = _thread.ManagedThreadId;
        // Handed over, not read back from a field: a Replace before the thread runs must still dispose this one.
        _thread.Start(producer);
    }

    /// <summary>
    /// The stage's thread: records go to <paramref name="producer"/> from now on (its predecessor died). The sender thread
    /// disposes the old one once no record or Poll of its own uses it any more, on a thread of its own (disposing a dead producer
    /// can take a while).
    /// </summary>
    public void Replace(IProducer<TKey, TValue> producer, PollWaker? waker)
    {
        _replacement = producer;
        var previous = _waker;
        _waker = waker;
        // Out of a Poll on the old producer, to take the new one. The old producer is still alive (disposed once this thread
        // has left it), so its waker can go now.
        previous?.Wake();
        previous?.Dispose();
    }

    /// <summary>Records handed over from inside a Poll, between its reports (read once the thread stopped).</summary>
    public long HandedBetweenReports => Interlocked.Read(ref _handedBetweenReports);

    /// <summary>Records refused there by a full librdkafka queue and handed first at the next turn (read once the thread stopped).</summary>
    public long HeldForRoom => Interlocked.Read(ref _heldForRoom);

    /// <summary>The stage's thread.</summary>
    public void Send(InFlightRecord<TKey, TValue, TContext, TIn> record)
    {
        _queue.Enqueue(record);
        // Read before exchanging: the sender is rarely idle at speed, and a plain read does not take the
        // cache line away from it. The enqueue's interlocked write and the loop's exchange make the pair safe.
        if (Volatile.Read(ref _idle) == 1 && Interlocked.Exchange(ref _idle, 0) == 1) WakeUp();
    }

    /// <summary>
    /// The stage's thread: stops taking records (those still queued are never handed to librdkafka) and waits for the thread to
    /// leave; false when it did not within <paramref name="wait"/> (a callback that hangs): its producer must then not be disposed.
    /// </summary>
    public bool Stop(TimeSpan wait)
    {
        _stopping = true;
        WakeUp();
        return _thread.Join(wait);
    }

    private void WakeUp()
    {
        if (_waker is { } waker) waker.Wake();
        else _wake.Release();
    }

    // A shared producer: Confluent's thread serves its reports; this one only hands records over.
    private void RunHanding(object? first)
    {
        var producer = (IProducer<TKey, TValue>)first!;
        while (!_stopping)
        {
            while (!_stopping && _queue.TryDequeue(out var record)) Hand(ref producer, record);
            // A full fence (not a volatile write, which may pass the read below): anything queued after the
            // drain either sees us idle and wakes us, or is seen here.
            Interlocked.Exchange(ref _idle, 1);
            if (!_queue.IsEmpty && Interlocked.Exchange(ref _idle, 0) == 1) continue;
            _wake.Wait();
        }
        DisposeIfReplaced(producer);
    }

    // A producer the stage built: hand records over and serve its reports, taking turns.
    private void RunPolling(object? first)
    {
        var producer = (IProducer<TKey, TValue>)first!;
        while (!_stopping)
        {
            var handed = 0;
            if (_held is { } held)
            {
                _held = null;
                Hand(ref producer, held);
                handed++;
            }
            while (handed < HandBatch && !_stopping && _queue.TryDequeue(out var record))
            {
                Hand(ref producer, record);
                handed++;
            }
            _polling = producer;
            if (handed == HandBatch)
            {
                // More may be queued: serve what is ready and go on handing over. Confluent catches what the callbacks it
                // serves throw (delivery, error and log handlers alike), as its own poll thread relies on.
                producer.Poll(TimeSpan.Zero);
            }
            else
            {
                // Nothing left to send: wait for reports in Poll; a record queued after the fence below wakes it (Send).
                Interlocked.Exchange(ref _idle, 1);
                producer.Poll(_queue.IsEmpty && !_stopping ? PollWait : TimeSpan.Zero);
                Volatile.Write(ref _idle, 0);
            }
            _polling = null;
            _afterPoll();
            TakeReplacement(ref producer);
        }
        DisposeIfReplaced(producer);
    }

    /// <summary>
    /// This thread, inside a <c>Poll</c> of <see cref="RunPolling"/>, between delivery reports: hands over up to
    /// <see cref="HandBatch"/> queued records. A produce response's reports can keep one Poll busy for milliseconds, and the
    /// records queued meanwhile would wait that long for librdkafka (librdkafka lets a delivery callback produce; it must not
    /// poll, so a full queue holds the record for the next turn instead of waiting here).
    /// </summary>
    public void HandBetweenReports()
    {
        // Not on another thread (a stage's Flush on stop; checked first, as the fields below are this thread's), not while a
        // record waits for room, not with a replacement pending (the producer polled now is the one to leave).
        if (Environment.CurrentManagedThreadId != _threadId || _polling is not { } producer || _held is not null || _stopping
            || _replacement is { } next && !ReferenceEquals(next, producer)) return;
        for (var handed = 0; handed < HandBatch && _queue.TryDequeue(out var record); handed++)
        {
            if (record.Abandoned) continue;
            if (TryHand(producer, record))
            {
                _handedBetweenReports++;
                continue;
            }
            _held = record;
            _heldForRoom++;
            return;
        }
    }

    private void TakeReplacement(ref IProducer<TKey, TValue> producer)
    {
        if (_replacement is not { } next || ReferenceEquals(next, producer)) return;
        var dead = producer;
        producer = next;
        DeadClient.DisposeAside(dead);
    }

    // Stopped between a replacement and the turn that would have taken it: the dead one is still ours to dispose.
    private void DisposeIfReplaced(IProducer<TKey, TValue> producer)
    {
        if (_replacement is { } next && !ReferenceEquals(next, producer)) DeadClient.DisposeAside(producer);
    }

    private void Hand(ref IProducer<TKey, TValue> producer, InFlightRecord<TKey, TValue, TContext, TIn> record)
    {
        // Its producer died before we got to it: the stage has already given it its outcome.
        if (record.Abandoned) return;
        TakeReplacement(ref producer);
        while (!TryHand(producer, record))
        {
            // Backpressure, not a failure (the stage stops pulling at max-in-flight): reports make room, and when this
            // thread is the one serving them, waiting means serving them.
            if (!_polls) Thread.Sleep(QueueFullWait);
            else
            {
                producer.Poll(QueueFullWait);
                _afterPoll();
            }
        }
    }

    // Handed over or failed: true; false when librdkafka's queue is full (try again once reports made room).
    private bool TryHand(IProducer<TKey, TValue> producer, InFlightRecord<TKey, TValue, TContext, TIn> record)
    {
        try
        {
            producer.Produce(record.Envelope.TopicPartition, record.Envelope.Message, record.Handler);
        }
        catch (ProduceException<TKey, TValue> e) when (e.Error.Code == ErrorCode.Local_QueueFull && !_stopping)
        {
            return false;
        }
        catch (KafkaException e)
        {
            Fail(record, e.Error, e);
        }
        catch (Exception e)
        {
            // Anything else about this one record (a disposed shared producer, a bad argument)
            // is still this record's outcome, never the stream's failure.
            Fail(record, new Error(ErrorCode.Local_Fail, $"{e.GetType().Name}: {e.Message}"), e);
        }
        return true;
    }

    private void Fail(InFlightRecord<TKey, TValue, TContext, TIn> record, Error error, Exception exception)
    {
        record.SendError = error; // never handed over: NotPersisted
        record.SendException = exception;
        _onSendFailure(record);
    }
}
