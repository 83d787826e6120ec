using System.Collections.Concurrent;
using Akka.Actor;
using Delivered = KafkaActors.Produced<string, string, int>;
using DeadLetteredRecord = KafkaActors.DeadLettered<string, string, int>;
using Rejected = KafkaActors.ProduceRejected<string, string, int>;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Thread-safe record of the replies and notifications one party received, by record id (the
/// envelope's int context): what conservation is checked against. Fed by a small recorder actor.
/// </summary>
public sealed class OutcomeLog
{
    private readonly ConcurrentDictionary<int, int> _terminalById = new();
    private readonly ConcurrentQueue<Delivered> _delivered = new();
    private readonly ConcurrentQueue<DeadLetteredRecord> _deadLettered = new();
    private readonly ConcurrentQueue<Rejected> _rejected = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = new();
    private int _terminal;

    public IReadOnlyCollection<Delivered> Delivered => _delivered;
    public IReadOnlyCollection<DeadLetteredRecord> DeadLettered => _deadLettered;
    public IReadOnlyCollection<Rejected> Rejected => _rejected;

    /// <summary>Delivered plus dead-lettered.</summary>
    public int TerminalCount => Volatile.Read(ref _terminal);

    /// <summary>Distinct record ids with a terminal outcome.</summary>
    public IReadOnlyCollection<int> TerminalIds => _terminalById.Keys.ToList();

    /// <summary>Ids that got more than one terminal outcome: must stay empty.</summary>
    public IReadOnlyList<int> Duplicates => _terminalById.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();

    public void Record(object message)
    {
        switch (message)
        {
            case Delivered d:
                _delivered.Enqueue(d);
                Terminal(d.Envelope.Context);
                break;
            case DeadLetteredRecord dl:
                _deadLettered.Enqueue(dl);
                Terminal(dl.Envelope.Context);
                break;
            case Rejected r:
                _rejected.Enqueue(r);
                break;
        }
    }

    /// <summary>Completes once <paramref name="count"/> terminal outcomes arrived.</summary>
    public Task WhenTerminal(int count)
    {
        lock (_waiters)
        {
            if (TerminalCount >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public IActorRef StartRecorder(ActorSystem system) => system.ActorOf(Props.Create(() => new Recorder(this)));

    private void Terminal(int id)
    {
        _terminalById.AddOrUpdate(id, 1, (_, n) => n + 1);
        var total = Interlocked.Increment(ref _terminal);
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count > total) continue;
                _waiters[i].Reached.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(OutcomeLog log) => ReceiveAny(log.Record);
    }
}
