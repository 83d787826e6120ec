using Akka.Actor;

namespace KafkaActors.Cli.Produce;

/// <summary>Lines through the producer actor; its replies reach the report loop through the inbox.</summary>
internal sealed class ActorLineSink(IActorRef producer, IActorRef inbox) : ILineSink
{
    public void Send(ProducerEnvelope<byte[]?, byte[], InputLine> envelope) => producer.Tell(new Produce<byte[]?, byte[], InputLine>(envelope), inbox);

    public void InputEnded()
    {
        // The actor answers every record it took: nothing to close at the end of the input.
    }

    public void Stop() => producer.Tell(StopProducing.Instance, ActorRefs.NoSender);
}
