namespace KafkaActors.Internal;

/// <summary>One send of an envelope: the first (attempt 1) or a retry.</summary>
internal sealed record SendAttempt<TKey, TValue, TContext>(ProducerEnvelope<TKey, TValue, TContext> Envelope, int Attempt);
