namespace KafkaActors;

/// <summary>
/// Outcome callbacks for code that is not an actor (spring-kafka's <c>ProducerListener</c> habit),
/// usable instead of, or beside, the success and dead-letter actors. Called from the pipeline's
/// threads, possibly concurrently: keep it quick and thread-safe. An exception is logged and ignored.
/// </summary>
public interface IProducerListener<TKey, TValue, TContext>
{
    /// <summary>The record is on its topic (terminal).</summary>
    void OnSuccess(Produced<TKey, TValue, TContext> produced);

    /// <summary>One send attempt failed; with the producer actor, a retry or a dead letter follows.</summary>
    void OnError(DeliveryOutcome<TKey, TValue, TContext>.Failed failed);

    /// <summary>The producer actor gave up on the record (terminal).</summary>
    void OnDeadLettered(DeadLettered<TKey, TValue, TContext> deadLettered)
    {
    }
}
