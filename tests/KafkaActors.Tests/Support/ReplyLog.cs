using System.Collections.Concurrent;
using Akka.Actor;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Every reply a sender got, of any kind, in arrival order, keyed by the envelope's int context: for
/// envelopes that are not one record (several records, or a context alone). Fed by a recorder actor.
/// </summary>
public sealed class ReplyLog
{
    private readonly ConcurrentQueue<IProduceReply<string, string, int>> _replies = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = new();

    /// <summary>Replies in the order they arrived.</summary>
    public IReadOnlyList<IProduceReply<string, string, int>> Replies => _replies.ToList();

    public int Count => _replies.Count;

    public IActorRef StartRecorder(ActorSystem system) => system.ActorOf(Props.Create(() => new Recorder(this)));

    public Task WhenCount(int count)
    {
        lock (_waiters)
        {
            if (_replies.Count >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>The position of each context's reply; throws when one context has two.</summary>
    public IReadOnlyDictionary<int, int> PositionByContext() =>
        Replies.Select((r, i) => (r.Envelope.Context, i)).ToDictionary(p => p.Context, p => p.i);

    private void Add(IProduceReply<string, string, int> reply)
    {
        _replies.Enqueue(reply);
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count > _replies.Count) continue;
                _waiters[i].Reached.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ReplyLog log) => Receive<IProduceReply<string, string, int>>(log.Add);
    }
}
