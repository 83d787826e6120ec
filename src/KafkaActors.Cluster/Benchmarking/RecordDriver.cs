using System.Diagnostics;
using System.Runtime.CompilerServices;
using Akka.Actor;

namespace KafkaActors.Cluster.Benchmarking;

/// <summary>What a <see cref="RecordDriver{TKey,TValue,TContext}"/> saw: one reply per record, and how long it took.</summary>
internal sealed record DriveResult<TKey, TValue, TContext>(IReadOnlyList<IProduceReply<TKey, TValue, TContext>> Replies, TimeSpan Elapsed)
{
    public int Delivered => Replies.Count(r => r is Produced<TKey, TValue, TContext>);
}

/// <summary>
/// Sends records to a producer (the local producer actor or a cluster front door: same contract) with
/// at most <c>window</c> unanswered, and collects every reply. Replies to a record it did not send, or
/// a second reply to one, fail the run: exactly one answer per record is the contract under test.
/// </summary>
internal sealed class RecordDriver<TKey, TValue, TContext> : ReceiveActor
{
    private readonly IActorRef _producer;
    private readonly Func<long, ProducerEnvelope<TKey, TValue, TContext>> _record;
    private readonly long _count;
    private readonly int _window;
    private readonly TaskCompletionSource<DriveResult<TKey, TValue, TContext>> _done;
    private readonly List<IProduceReply<TKey, TValue, TContext>> _replies;
    private readonly HashSet<IProducerEnvelope<TKey, TValue, TContext>> _unanswered = new(ReferenceEqualityComparer.Instance);
    private readonly Stopwatch _clock = new();
    private readonly StrongBox<long>? _progress;
    private long _sent;

    public RecordDriver(IActorRef producer, Func<long, ProducerEnvelope<TKey, TValue, TContext>> record, long count, int window,
        TaskCompletionSource<DriveResult<TKey, TValue, TContext>> done, StrongBox<long>? progress)
    {
        _progress = progress;
        _producer = producer;
        _record = record;
        _count = count;
        _window = window;
        _done = done;
        _replies = new List<IProduceReply<TKey, TValue, TContext>>((int)Math.Min(count, 1_000_000));
        Receive<IProduceReply<TKey, TValue, TContext>>(OnReply);
    }

    /// <summary>
    /// Drives <paramref name="count"/> records through <paramref name="producer"/> and returns when each has
    /// its one reply. <paramref name="progress"/>, when given, counts replies as they come.
    /// </summary>
    public static Task<DriveResult<TKey, TValue, TContext>> Run(IActorRefFactory system, IActorRef producer,
        Func<long, ProducerEnvelope<TKey, TValue, TContext>> record, long count, int window, StrongBox<long>? progress = null)
    {
        var done = new TaskCompletionSource<DriveResult<TKey, TValue, TContext>>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new RecordDriver<TKey, TValue, TContext>(producer, record, count, window, done, progress)));
        return done.Task;
    }

    protected override void PreStart()
    {
        _clock.Start();
        SendMore();
        CompleteIfDone();
    }

    private void OnReply(IProduceReply<TKey, TValue, TContext> reply)
    {
        if (!_unanswered.Remove(reply.Envelope))
        {
            _done.TrySetException(new InvalidOperationException($"A second (or unexpected) reply for one record: {reply}"));
            Context.Stop(Self);
            return;
        }
        _replies.Add(reply);
        if (_progress is not null) Interlocked.Increment(ref _progress.Value);
        SendMore();
        CompleteIfDone();
    }

    private void SendMore()
    {
        while (_sent < _count && _unanswered.Count < _window)
        {
            var envelope = _record(_sent++);
            _unanswered.Add(envelope);
            _producer.Tell(new Produce<TKey, TValue, TContext>(envelope));
        }
    }

    private void CompleteIfDone()
    {
        if (_sent < _count || _unanswered.Count > 0) return;
        _done.TrySetResult(new DriveResult<TKey, TValue, TContext>(_replies, _clock.Elapsed));
        Context.Stop(Self);
    }
}
