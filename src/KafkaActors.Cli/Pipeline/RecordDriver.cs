using Akka.Actor;

namespace KafkaActors.Cli.Pipeline;

/// <summary>
/// Sends records to the producer actor with at most <c>window</c> unanswered, collects every
/// reply into the tally, and sends a rejected record again a moment later (a full intake is the actor
/// saying "not now", not an outcome).
/// </summary>
internal sealed class RecordDriver<TKey, TValue> : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RejectedRetry = TimeSpan.FromMilliseconds(50);

    private readonly IActorRef _producer;
    private readonly int _count;
    private readonly Func<int, ProducerEnvelope<TKey, TValue, int>> _envelope;
    private readonly IOutcomeSink<TKey, TValue> _tally;
    private readonly int _window;
    private readonly TaskCompletionSource _done;
    private int _next;
    private int _unanswered;

    /// <param name="envelope">Record number (0-based) to its envelope; the envelope's context must be that number.</param>
    public RecordDriver(IActorRef producer, int count, Func<int, ProducerEnvelope<TKey, TValue, int>> envelope, IOutcomeSink<TKey, TValue> tally,
        int window, TaskCompletionSource done)
    {
        _producer = producer;
        _count = count;
        _envelope = envelope;
        _tally = tally;
        _window = window;
        _done = done;
        Receive<IProduceReply<TKey, TValue, int>>(OnReply);
        Receive<ProducerEnvelope<TKey, TValue, int>>(Send); // a rejected record, due again
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        SendMore();
        if (_count == 0) _done.TrySetResult();
    }

    private void OnReply(IProduceReply<TKey, TValue, int> reply)
    {
        if (reply is ProduceRejected<TKey, TValue, int> rejected)
        {
            _tally.Rejection();
            Timers.StartSingleTimer(rejected.Envelope, rejected.Envelope, RejectedRetry);
            return;
        }
        _unanswered--;
        _tally.Answered(reply);
        SendMore();
        if (_next == _count && _unanswered == 0) _done.TrySetResult();
    }

    private void SendMore()
    {
        while (_next < _count && _unanswered < _window)
        {
            var envelope = _envelope(_next);
            _tally.Sent(_next++);
            _unanswered++;
            Send(envelope);
        }
    }

    private void Send(ProducerEnvelope<TKey, TValue, int> envelope) => _producer.Tell(new Produce<TKey, TValue, int>(envelope));
}

/// <summary>Where a <see cref="RecordDriver{TKey,TValue}"/> reports what happens to the records it sends.</summary>
internal interface IOutcomeSink<TKey, TValue>
{
    void Sent(int id);

    void Answered(IProduceReply<TKey, TValue, int> reply);

    void Rejection();
}
