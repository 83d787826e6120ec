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
/// With a <see cref="NativeProducer{TKey,TValue}"/> (a producer the stage built) this one thread does what a sender thread and
/// Confluent's poll thread did: it hands over up to <see cref="HandBatch"/> records, serves the reports that are ready, and
/// when nothing is left to send waits for reports itself, woken by the next record (<see cref="NativeProducer{TKey,TValue}.Wake"/>).
/// The reports of one serve are queued for the stage with one wake-up per batch (<c>afterPoll</c>). Measured 2026-12-01 on 2
/// cores (slow hours of the VM): this thread 1.07–1.45 µs per record for both jobs, against 1.24–1.9 µs for a sender thread
/// plus a poll thread, since a record and its report are handled by one core; the flow's CPU per record went from
/// 1.19–1.39× raw's to 1.06–1.19× in a paired run. Since 2026-12-04 it sends and serves past Confluent's per-record layer.
/// Without one (a shared producer, polled by Confluent's thread) the thread only hands records over, and sleeps on a
/// semaphore when idle.
/// </remarks>
internal sealed class RecordSender<TKey, TValue, TContext, TIn>
{
    /// <summary>Records handed over between two looks at the delivery reports, at full speed.</summary>
    public const int HandBatch = 256;

    // librdkafka's own queue is full: wait this long for delivery reports to make room, then try again.
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(1);
    private const int QueueFullWaitMs = 1;

    // How long an idle serve waits when no record comes: what a stop waits at most when the wake-up is not heard.
    private const int ServeWaitMs = 50;

    // A stopped stage serves its last reports in turns this long.
    private const int AfterStopServeMs = 10;

    private readonly ConcurrentQueue<InFlightRecord<TKey, TValue, TContext, TIn>> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Action<InFlightRecord<TKey, TValue, TContext, TIn>> _onSendFailure;
    private readonly Action _afterPoll;
    private readonly Thread _thread;
    // The stage's thread only (Send, Replace, Stop): the native producer now in use, to wake.
    private NativeProducer<TKey, TValue>? _native;
    // Published by Replace, taken by this thread at its next record or turn (the one of this sender's mode).
    private volatile IProducer<TKey, TValue>? _replacement;
    private volatile NativeProducer<TKey, TValue>? _nativeReplacement;
    private volatile bool _stopping;
    private int _idle;
    // This thread only. The native producer whose reports (in RunPolling) this thread is serving, else null: records may go
    // out between them. Null while it serves to make room in a full queue (the record being handed must go first).
    private NativeProducer<TKey, TValue>? _polling;
    // This thread only: taken from the queue between reports and refused by a full librdkafka queue; goes first at the next turn.
    private InFlightRecord<TKey, TValue, TContext, TIn>? _held;
    private readonly int _threadId;
    private long _handedBetweenReports;
    private long _heldForRoom;

    /// <summary>Hands records to a producer whose reports Confluent's thread serves (a shared one).</summary>
    /// <param name="producer">The producer records go to.</param>
    /// <param name="onSendFailure">A record that could not be handed over, with its error set.</param>
    public RecordSender(IProducer<TKey, TValue> producer, Action<InFlightRecord<TKey, TValue, TContext, TIn>> onSendFailure)
        : this(onSendFailure, () => { }, null, "kafka-actors-sender", producer)
    {
    }

    /// <summary>Hands records to <paramref name="native"/>'s producer and serves their reports, on this thread.</summary>
    /// <param name="native">The producer records go to, served natively.</param>
    /// <param name="onSendFailure">A record that could not be handed over, with its error set.</param>
    /// <param name="afterPoll">Called on this thread after every serve (end the batch of reports).</param>
    public RecordSender(NativeProducer<TKey, TValue> native, Action<InFlightRecord<TKey, TValue, TContext, TIn>> onSendFailure, Action afterPoll)
        : this(onSendFailure, afterPoll, native, "kafka-actors-client", native)
    {
    }

    private RecordSender(Action<InFlightRecord<TKey, TValue, TContext, TIn>> onSendFailure, Action afterPoll,
        NativeProducer<TKey, TValue>? native, string name, object first)
    {
        _onSendFailure = onSendFailure;
        _afterPoll = afterPoll;
        _native = native;
        _thread = new Thread(native is null ? RunHanding : RunPolling) { IsBackground = true, Name = name };
        _threadId = _thread.ManagedThreadId;
        // Handed over, not read back from a field: a Replace before the thread runs must still dispose this one.
        _thread.Start(first);
    }

    /// <summary>
    /// The stage's thread: records go to <paramref name="producer"/> from now on (its predecessor died). The sender thread
    /// disposes the old one once no record or serve of its own uses it any more, on a thread of its own (disposing a dead
    /// producer can take a while).
    /// </summary>
    public void Replace(IProducer<TKey, TValue> producer) => _replacement = producer;

    /// <summary>As <see cref="Replace(IProducer{TKey,TValue})"/>, for a sender that serves its producer's reports.</summary>
    public void Replace(NativeProducer<TKey, TValue> native)
    {
        var previous = _native;
        _native = native;
        _nativeReplacement = native;
        // Out of a serve of the old producer, to take the new one; the old one's queue is released by this thread once it
        // has left it (Wake after that does nothing).
        previous?.Wake();
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
        if (_native is { } native) native.Wake();
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
    private unsafe void RunPolling(object? first)
    {
        var native = (NativeProducer<TKey, TValue>)first!;
        while (!_stopping)
        {
            var handed = 0;
            if (_held is { } held)
            {
                _held = null;
                Hand(ref native, held);
                handed++;
            }
            while (handed < HandBatch && !_stopping && _queue.TryDequeue(out var record))
            {
                Hand(ref native, record);
                handed++;
            }
            _polling = native;
            if (handed == HandBatch)
            {
                // More may be queued: serve what is ready and go on handing over.
                native.Serve(0, &InFlightRecord<TKey, TValue, TContext, TIn>.OnNativeReport);
            }
            else
            {
                // Nothing left to send: wait for reports; a record queued after the fence below wakes it (Send).
                Interlocked.Exchange(ref _idle, 1);
                native.Serve(_queue.IsEmpty && !_stopping ? ServeWaitMs : 0, &InFlightRecord<TKey, TValue, TContext, TIn>.OnNativeReport);
                Volatile.Write(ref _idle, 0);
            }
            _polling = null;
            _afterPoll();
            TakeReplacement(ref native);
        }
        DisposeIfReplaced(native);
    }

    /// <summary>
    /// The stage's thread, once this sender has stopped: serves what is ready for the producer's records (a stage stopping
    /// with records inside gives their reports a chance). Returns the messages librdkafka still holds.
    /// </summary>
    public unsafe int ServeAfterStop(TimeSpan wait)
    {
        if (_native is not { } native || _thread.IsAlive) return 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            native.Serve(AfterStopServeMs, &InFlightRecord<TKey, TValue, TContext, TIn>.OnNativeReport);
            _afterPoll();
        } while (native.Outstanding > 0 && clock.Elapsed < wait);
        return native.Outstanding;
    }

    /// <summary>
    /// This thread, inside a serve of <see cref="RunPolling"/>, between delivery reports: hands over up to
    /// <see cref="HandBatch"/> queued records. A produce response's reports can keep one serve busy for milliseconds, and the
    /// records queued meanwhile would wait that long for librdkafka (a full queue holds the record for the next turn instead
    /// of waiting here: the reports being served are what makes room).
    /// </summary>
    public void HandBetweenReports()
    {
        // Not on another thread (a stage's serve on stop; checked first, as the fields below are this thread's), not while a
        // record waits for room, not with a replacement pending (the producer served now is the one to leave).
        if (Environment.CurrentManagedThreadId != _threadId || _polling is not { } native || _held is not null || _stopping
            || _nativeReplacement is { } next && !ReferenceEquals(next, native)) return;
        for (var handed = 0; handed < HandBatch && _queue.TryDequeue(out var record); handed++)
        {
            if (record.Abandoned) continue;
            if (TryHand(native, record))
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

    private void TakeReplacement(ref NativeProducer<TKey, TValue> native)
    {
        if (_nativeReplacement is not { } next || ReferenceEquals(next, native)) return;
        var dead = native;
        native = next;
        DisposeAside(dead);
    }

    // Its queue released here, on the thread that served it; the producer on a thread of its own.
    private static void DisposeAside(NativeProducer<TKey, TValue> dead)
    {
        dead.Dispose();
        DeadClient.DisposeAside(dead.Producer);
    }

    // Stopped between a replacement and the turn that would have taken it: the dead one is still ours to dispose.
    private void DisposeIfReplaced(IProducer<TKey, TValue> producer)
    {
        if (_replacement is { } next && !ReferenceEquals(next, producer)) DeadClient.DisposeAside(producer);
    }

    private void DisposeIfReplaced(NativeProducer<TKey, TValue> native)
    {
        if (_nativeReplacement is { } next && !ReferenceEquals(next, native)) DisposeAside(native);
    }

    private void Hand(ref IProducer<TKey, TValue> producer, InFlightRecord<TKey, TValue, TContext, TIn> record)
    {
        // Its producer died before we got to it: the stage has already given it its outcome.
        if (record.Abandoned) return;
        TakeReplacement(ref producer);
        // Backpressure, not a failure (the stage stops pulling at max-in-flight): Confluent's thread serves the reports
        // that make room.
        while (!TryHand(producer, record)) Thread.Sleep(QueueFullWait);
    }

    private unsafe void Hand(ref NativeProducer<TKey, TValue> native, InFlightRecord<TKey, TValue, TContext, TIn> record)
    {
        if (record.Abandoned) return;
        TakeReplacement(ref native);
        // This thread serves the reports that make room: waiting means serving them.
        while (!TryHand(native, record))
        {
            native.Serve(QueueFullWaitMs, &InFlightRecord<TKey, TValue, TContext, TIn>.OnNativeReport);
            _afterPoll();
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
        catch (Exception e)
        {
            Fail(record, e);
        }
        return true;
    }

    private bool TryHand(NativeProducer<TKey, TValue> native, InFlightRecord<TKey, TValue, TContext, TIn> record)
    {
        try
        {
            if (native.TryProduce(record.Envelope.TopicPartition, record.Envelope.Message, record.Opaque)) return true;
            if (!_stopping) return false;
            Fail(record, new KafkaException(new Error(ErrorCode.Local_QueueFull)));
        }
        catch (Exception e)
        {
            Fail(record, e);
        }
        return true;
    }

    // Anything about this one record (a serializer, a bad argument, a disposed shared producer) is still this record's
    // outcome, never the stream's failure.
    private void Fail(InFlightRecord<TKey, TValue, TContext, TIn> record, Exception exception)
    {
        record.SendError = exception is KafkaException kafka ? kafka.Error : new Error(ErrorCode.Local_Fail, $"{exception.GetType().Name}: {exception.Message}");
        record.SendException = exception; // never handed over: NotPersisted
        _onSendFailure(record);
    }
}
