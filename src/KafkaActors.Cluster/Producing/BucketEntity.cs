using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;

namespace KafkaActors.Cluster.Producing;

/// <summary>
/// The sharding entity for one key bucket, on a producer node. It hands every request to the node's
/// producer actor, tells the submitter which node holds the record, and turns the producer's reply
/// into a wire result for the submitter (both through the node's <see cref="ResultOutbox"/>). On hand-off it stops only once its records in flight are
/// answered: meanwhile the shard region buffers the bucket's new records, so per-key order holds across
/// a rebalance and nothing in flight is orphaned.
/// </summary>
internal sealed class BucketEntity : UntypedActor
{
    private readonly IActorRef _producer;
    private readonly IActorRef _outbox;
    private readonly Address _node;
    private int _inFlight;
    private bool _handingOff;
    private bool _producerStopped;

    public BucketEntity(IActorRef producer, IActorRef outbox, Address node)
    {
        _producer = producer;
        _outbox = outbox;
        _node = node;
    }

    // The outbox: acceptances and results go back to submitters through it, in frames.
    public static Props Props(IActorRef producer, IActorRef outbox, Address node) => Akka.Actor.Props.Create(() => new BucketEntity(producer, outbox, node));

    protected override void PreStart() => Context.Watch(_producer);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ProduceFrame frame:
                foreach (var request in frame.Requests) Take(request);
                break;
            case ProduceRequest request:
                Take(request);
                break;
            case IProduceReply<byte[], byte[], RecordTicket> reply:
                _inFlight--;
                var ticket = reply.Envelope.Context;
                _outbox.Tell(new ResultOutbox.Result(ticket.ReplyTo, ToWire(reply, ticket)));
                StopWhenDrained();
                break;
            case HandOff:
                _handingOff = true;
                StopWhenDrained();
                break;
            case Terminated t when t.ActorRef.Equals(_producer):
                // Replies for what was in flight will not come; the submitters' timeouts send those records again.
                _producerStopped = true;
                _inFlight = 0;
                StopWhenDrained();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Take(ProduceRequest request)
    {
        if (_producerStopped)
        {
            _outbox.Tell(new ResultOutbox.Result(request.ReplyTo, new RecordRejected(request.RecordId, request.Submission, $"the producer on {_node} has stopped")));
            return;
        }
        _inFlight++;
        _producer.Tell(new Produce<byte[], byte[], RecordTicket>(ToEnvelope(request)));
        _outbox.Tell(new ResultOutbox.Accepted(request.ReplyTo, request.RecordId, request.Submission));
    }

    private void StopWhenDrained()
    {
        if (_handingOff && _inFlight == 0) Context.Stop(Self);
    }

    private static ProducerEnvelope<byte[], byte[], RecordTicket> ToEnvelope(ProduceRequest r)
    {
        var headers = new Headers();
        foreach (var h in r.Headers) headers.Add(h.Key, h.Value);
        var message = new Message<byte[], byte[]> { Key = r.Key!, Value = r.Value!, Headers = headers, Timestamp = r.Timestamp };
        return new ProducerEnvelope<byte[], byte[], RecordTicket>(r.Topic, r.Partition, message, new RecordTicket(r.RecordId, r.Submission, r.ReplyTo));
    }

    private static IRecordResult ToWire(IProduceReply<byte[], byte[], RecordTicket> reply, RecordTicket t) => reply switch
    {
        Produced<byte[], byte[], RecordTicket> d => new RecordDelivered(t.RecordId, t.Submission,
            d.Partition, d.Offset, d.Timestamp, d.Status, d.Attempts),
        DeadLettered<byte[], byte[], RecordTicket> x => new RecordDeadLettered(t.RecordId, t.Submission, x.Attempts,
            x.LastError is null ? null : WireError.From(x.LastError), x.Cause, x.FirstFailureAt, x.LastFailureAt, x.DeadLetterTopicPartitionOffset,
            x.PublishError is null ? null : WireError.From(x.PublishError)),
        ProduceRejected<byte[], byte[], RecordTicket> r => new RecordRejected(t.RecordId, t.Submission, r.Reason),
        _ => throw new InvalidOperationException($"Unexpected producer reply {reply.GetType().Name}"),
    };

    /// <summary>The hand-off stop message: sharding sends it when the bucket moves to another node.</summary>
    internal sealed class HandOff
    {
        public static readonly HandOff Instance = new();

        private HandOff()
        {
        }
    }
}
