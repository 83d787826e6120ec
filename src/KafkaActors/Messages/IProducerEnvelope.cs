namespace KafkaActors;

/// <summary>
/// What goes into the producer flow and the producer actor, one of three kinds (Akka.Streams.Kafka's and
/// Alpakka's envelope family): <see cref="ProducerEnvelope{TKey,TValue,TContext}"/> (one record),
/// <see cref="MultiEnvelope{TKey,TValue,TContext}"/> (several records, one context) and
/// <see cref="PassThroughEnvelope{TKey,TValue,TContext}"/> (no record, the context only). Each comes out
/// exactly once, with its context.
/// </summary>
public interface IProducerEnvelope<TKey, TValue, TContext>
{
    TContext Context { get; }

    // Closes the family: no envelope kind outside this assembly can implement an internal member.
    internal int RecordCount { get; }
}
