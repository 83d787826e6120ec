using Akka.Actor;
using Confluent.Kafka;

namespace KafkaActors.Cli.Demo;

/// <summary>
/// Sends the demo's records to the producer actor with at most <c>window</c> unanswered, collects every
/// reply into the tally, and sends a rejected record again a moment later (a full intake is the actor
/// saying "not now", not an outcome).
/// </summary>
internal sealed class DemoDriver : ReceiveActor, IWithTimers
{
    public const string IdHeader = "demo-id";
    private static readonly TimeSpan RejectedRetry = TimeSpan.FromMilliseconds(50);

    private readonly IActorRef _producer;
    private readonly DemoRecords _records;
    private readonly DemoTally _tally;
    private readonly int _window;
    private readonly TaskCompletionSource _done;
    private int _next;
    private int _unanswered;

    public DemoDriver(IActorRef producer, DemoRecords records, DemoTally tally, int window, TaskCompletionSource done)
    {
        _producer = producer;
        _records = records;
        _tally = tally;
        _window = window;
        _done = done;
        Receive<IProduceReply<string, string, int>>(OnReply);
        Receive<ProducerEnvelope<string, string, int>>(Send); // a rejected record, due again
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => SendMore();

    private void OnReply(IProduceReply<string, string, int> reply)
    {
        if (reply is ProduceRejected<string, string, int> rejected)
        {
            _tally.Rejection();
            Timers.StartSingleTimer(rejected.Envelope, rejected.Envelope, RejectedRetry);
            return;
        }
        _unanswered--;
        _tally.Answered(reply);
        SendMore();
        if (_next == _records.Count && _unanswered == 0) _done.TrySetResult();
    }

    private void SendMore()
    {
        while (_next < _records.Count && _unanswered < _window)
        {
            var envelope = _records.Envelope(_next);
            _tally.Sent(_next++);
            _unanswered++;
            Send(envelope);
        }
    }

    private void Send(ProducerEnvelope<string, string, int> envelope) => _producer.Tell(new Produce<string, string, int>(envelope));
}

/// <summary>
/// The demo's records: keyed by customer, the id in a header. A few are bad input that no retry can fix:
/// far too large (their dead-letter copy is too large as well), or for a partition that does not exist.
/// </summary>
internal sealed class DemoRecords(string topic, int count, int keys, ISet<int> oversize, ISet<int> noSuchPartition, int oversizeBytes)
{
    public const int MissingPartition = 99;

    public int Count => count;

    public ProducerEnvelope<string, string, int> Envelope(int id)
    {
        var value = oversize.Contains(id) ? new string('x', oversizeBytes) : $"{{\"order\":{id},\"amount\":{id % 997}}}";
        var headers = new Headers { { DemoDriver.IdHeader, System.Text.Encoding.UTF8.GetBytes(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) } };
        var partition = noSuchPartition.Contains(id) ? new Partition(MissingPartition) : Partition.Any;
        return ProducerEnvelope.Create(topic, partition, $"customer-{id % keys}", value, id, headers);
    }
}
