using Akka.Actor;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The floor under every actor row: the same driver and window as the actor row, sending the same <c>Produce</c> messages
/// to an actor that answers each at once with a <c>Produced</c> — no stream, no Kafka, nothing sent anywhere. What it costs
/// per record is the Akka messaging (a Tell in, a reply out, both actors' mailbox runs) that the producer actor pays on top
/// of the flow, and no library on Akka.NET can take out of a one-reply-per-record protocol.
/// </summary>
internal sealed class TellReplyRun : IBenchRun
{
    private readonly ActorSystem _system;
    private readonly ProducerEnvelope<Null, byte[], int>[] _envelopes;
    private readonly IActorRef _answerer;

    public TellReplyRun(BenchEnvironment environment, string topic)
    {
        _system = environment.System;
        _envelopes = environment.Workload.BuildEnvelopes(topic);
        var nowhere = new TopicPartitionOffset(topic, Partition.Any, Offset.Unset);
        _answerer = _system.ActorOf(Props.Create(() => new ImmediateAnswer(nowhere)));
    }

    // Each Produced counts as "delivered": for this row that means answered, all it can show.
    public Task<DeliveryCount> ExecuteAsync(CancellationToken ct) => ActorRun<Null, byte[]>.DriveAsync(_system, _answerer, _envelopes, ct);

    public void Dispose() => _system.Stop(_answerer);

    // The reply the producer actor would send, built the way its stage and fan-out build theirs (one outcome, one reply);
    // partition and offset say that the record went nowhere (one such value for every reply: the stage's outcomes allocate none).
    private sealed class ImmediateAnswer(TopicPartitionOffset nowhere) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is not Produce<Null, byte[], int> { Envelope: ProducerEnvelope<Null, byte[], int> envelope }) return;
            Sender.Tell(new Produced<Null, byte[], int>(new DeliveryOutcome<Null, byte[], int>.Delivered(envelope, 1,
                nowhere, Timestamp.Default, PersistenceStatus.NotPersisted)));
        }
    }
}
