using Akka.Event;

namespace KafkaActors;

/// <summary>
/// Delivered records wait for the producer actor in a <see cref="HandOffQueue{T}"/>; this is its wake-up, at most one
/// in the mailbox at a time (a mailbox message per delivered record was most of what the actor path cost over the flow).
/// </summary>
internal sealed class DeliveriesReady : IDeadLetterSuppression
{
    public static readonly DeliveriesReady Instance = new();

    private DeliveriesReady()
    {
    }
}
