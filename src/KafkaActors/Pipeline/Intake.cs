using System.Collections.Concurrent;
using Akka;
using Akka.Streams;
using Akka.Streams.Stage;

namespace KafkaActors;

/// <summary>
/// The producer actor's accepted records on their way into the stream: a bounded queue the actor writes and the
/// stream's source reads. <see cref="TryAdd"/> answers at once whether there is room, so the actor can reject
/// instead of queueing. Lock-free (a bounded channel takes a lock on every write and read), and the source is woken
/// through one async callback only when it found the queue empty.
/// </summary>
internal sealed class Intake<T>
{
    private readonly ConcurrentQueue<T> _queue = new();
    // Each side counts on its own: no interlocked operation per record, and neither takes the other's cache line
    // on every record. Only the actor adds (and reads the difference); only the source takes.
    private long _added;
    private long _taken;
    private int _waiting; // 1: the source found nothing and waits for a wake-up
    private volatile bool _completed;
    private volatile Action? _wake;

    public Intake(int capacity) => Capacity = capacity;

    public int Capacity { get; }

    /// <summary>Records waiting to be read (on the actor's thread exact or an overestimate: the source may have taken more meanwhile).</summary>
    public int Count => (int)(_added - Volatile.Read(ref _taken));

    /// <summary>Records that can be added now, at least.</summary>
    public int Room => Capacity - Count;

    /// <summary>The actor's thread (the only writer): false when full or completed.</summary>
    public bool TryAdd(T item)
    {
        if (_completed || Room <= 0) return false;
        _queue.Enqueue(item);
        _added++;
        WakeIfWaiting();
        return true;
    }

    /// <summary>No more records: the source completes once it has read what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        Interlocked.MemoryBarrier();
        WakeIfWaiting();
    }

    /// <summary>The stream's source.</summary>
    public Akka.Streams.Dsl.Source<T, NotUsed> Source() => Akka.Streams.Dsl.Source.FromGraph(new IntakeSource(this));

    private void WakeIfWaiting()
    {
        if (Volatile.Read(ref _waiting) == 1 && Interlocked.Exchange(ref _waiting, 0) == 1) _wake?.Invoke();
    }

    private sealed class IntakeSource : GraphStage<SourceShape<T>>
    {
        private readonly Intake<T> _intake;

        public IntakeSource(Intake<T> intake)
        {
            _intake = intake;
            Shape = new SourceShape<T>(Out);
        }

        public Outlet<T> Out { get; } = new("Intake.out");
        public override SourceShape<T> Shape { get; }
        protected override Attributes InitialAttributes { get; } = Attributes.CreateName("Intake");

        protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

        private sealed class Logic : GraphStageLogic
        {
            private readonly IntakeSource _stage;
            private readonly Intake<T> _intake;

            public Logic(IntakeSource stage) : base(stage.Shape)
            {
                _stage = stage;
                _intake = stage._intake;
                SetHandler(stage.Out, onPull: TryPush);
            }

            public override void PreStart()
            {
                var woken = GetAsyncCallback(() =>
                {
                    if (IsAvailable(_stage.Out)) TryPush();
                });
                _intake._wake = woken;
            }

            private void TryPush()
            {
                while (true)
                {
                    if (_intake._queue.TryDequeue(out var item))
                    {
                        Volatile.Write(ref _intake._taken, _intake._taken + 1);
                        Push(_stage.Out, item);
                        return;
                    }
                    if (_intake._completed)
                    {
                        // Completed is set after the last add: seen, an empty queue stays empty (else: one more look).
                        if (!_intake._queue.IsEmpty) continue;
                        CompleteStage();
                        return;
                    }
                    // Announce the wait with a full fence, then look again: an add either sees us waiting or is seen here.
                    Interlocked.Exchange(ref _intake._waiting, 1);
                    if (_intake._queue.IsEmpty && !_intake._completed) return;
                    if (Interlocked.Exchange(ref _intake._waiting, 0) == 0) return; // an add took the wait: its wake-up is on its way
                }
            }
        }
    }
}
