namespace KafkaActors;

/// <summary>
/// Asks the producer actor to stop gracefully: it rejects new records, lets records in flight and due
/// retries finish within <c>kafka-actors.actor.close-timeout</c>, dead-letters whatever is left with
/// <see cref="DeadLetterCause.Shutdown"/>, replies <see cref="Akka.Done"/> and stops.
/// CoordinatedShutdown sends it too.
/// </summary>
public sealed class StopProducing
{
    public static readonly StopProducing Instance = new();

    private StopProducing()
    {
    }

    public override string ToString() => nameof(StopProducing);
}
