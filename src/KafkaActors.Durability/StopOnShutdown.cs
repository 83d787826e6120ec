using Akka.Actor;
using Akka.Event;

namespace KafkaActors.Durability;

/// <summary>
/// CoordinatedShutdown tells the durable producer to stop (service-requests-done) and waits until it has: its
/// inner producer actor stops itself in the same phase, and the last outcomes still have to be journaled.
/// </summary>
internal static class StopOnShutdown
{
    public static void Register(ActorSystem system, IActorRef producer, Task<Akka.Done> stopped, ILoggingAdapter log)
    {
        try
        {
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "kafka-actors-stop-durable-producing", () =>
            {
                if (!stopped.IsCompleted) producer.Tell(StopProducing.Instance);
                return stopped;
            });
        }
        catch (Exception e)
        {
            // Shutdown already under way: the actor is stopped with the system, and the journal keeps what is open.
            log.Warning("Could not register with CoordinatedShutdown: {0}", e.Message);
        }
    }
}
