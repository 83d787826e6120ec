using System.Diagnostics;
using Akka.Actor;
using KafkaActors.Durability;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// Sends records with at most <c>window</c> unanswered and times each one: until it is accepted (in the journal;
/// durable rows only) and until its terminal reply. Record i's context is i.
/// </summary>
internal sealed class DurableBenchDriver : ReceiveActor
{
    private readonly IActorRef _producer;
    private readonly byte[] _value;
    private readonly string _topic;
    private readonly bool _durable;
    private readonly int _count;
    private readonly int _window;
    private readonly long[] _sentAt;
    private readonly TaskCompletionSource<(double[] Accept, double[] EndToEnd)> _done;
    private readonly List<double> _accept = new();
    private readonly List<double> _endToEnd = new();
    private int _next;
    private int _unanswered;

    public DurableBenchDriver(IActorRef producer, string topic, byte[] value, bool durable, int count, int window,
        TaskCompletionSource<(double[] Accept, double[] EndToEnd)> done)
    {
        (_producer, _topic, _value, _durable, _count, _window, _done) = (producer, topic, value, durable, count, window, done);
        _sentAt = new long[count];
        Receive<Accepted<int>>(a => _accept.Add(Stopwatch.GetElapsedTime(_sentAt[a.Envelope.Context]).TotalMilliseconds));
        Receive<ProduceRejected<byte[]?, byte[], int>>(r => _done.TrySetException(new InvalidOperationException($"record {r.Envelope.Context} rejected: {r.Reason}")));
        Receive<IProduceReply<byte[]?, byte[], int>>(reply =>
        {
            if (reply is not Produced<byte[]?, byte[], int>) _done.TrySetException(new InvalidOperationException($"record {reply.Envelope.Context}: {reply}"));
            _endToEnd.Add(Stopwatch.GetElapsedTime(_sentAt[reply.Envelope.Context]).TotalMilliseconds);
            _unanswered--;
            SendMore();
        });
    }

    protected override void PreStart() => SendMore();

    private void SendMore()
    {
        while (_unanswered < _window && _next < _count)
        {
            var envelope = ProducerEnvelope.Create<byte[]?, byte[], int>(_topic, null, _value, _next);
            _sentAt[_next++] = Stopwatch.GetTimestamp();
            _unanswered++;
            _producer.Tell(_durable ? new ProduceWithAcceptance<int>(envelope) : new Produce<byte[]?, byte[], int>(envelope));
        }
        if (_next == _count && _unanswered == 0) _done.TrySetResult((_accept.ToArray(), _endToEnd.ToArray()));
    }
}
