using System.Threading.Channels;
using Akka;
using Akka.Actor;

namespace KafkaActors.Cli.Produce;

/// <summary>What the outbox run's report loop hears: a reply of the durable producer, a line never sent, or that all is finished.</summary>
internal sealed record OutboxEvent(IProduceReply<byte[]?, byte[], InputLine>? Reply = null, LineResult.NotSent? NotSent = null, bool Finished = false);

/// <summary>
/// The sender of every command to the durable producer, and where recovered lines' replies go: one actor, so
/// the producer's <c>Done</c> for AwaitFinished arrives after every reply it sent before.
/// </summary>
internal sealed class OutboxInbox : ReceiveActor
{
    public OutboxInbox(ChannelWriter<OutboxEvent> events)
    {
        Receive<IProduceReply<byte[]?, byte[], InputLine>>(reply => events.TryWrite(new OutboxEvent(Reply: reply)));
        Receive<Done>(_ => events.TryWrite(new OutboxEvent(Finished: true)));
    }
}
