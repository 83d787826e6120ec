namespace KafkaActors;

/// <summary>
/// A record given up on, on its way to the dead-letter publisher: its dead letter is complete except for
/// where the copy lands. <see cref="PublishAttempt"/> counts publishes of the copy.
/// </summary>
internal sealed record DeadLetterRequest<TKey, TValue, TContext>(
    Submission<TKey, TValue, TContext> Record, DeadLettered<TKey, TValue, TContext> DeadLetter, int PublishAttempt = 1);

/// <summary>The publisher is done with a dead letter (copy published, or why not): the producer actor makes it terminal.</summary>
internal sealed record DeadLetterReady<TKey, TValue, TContext>(
    Submission<TKey, TValue, TContext> Record, DeadLettered<TKey, TValue, TContext> DeadLetter) : Akka.Event.IDeadLetterSuppression;

internal static class DeadLetterRequest
{
    /// <summary>The dead letter of a record, from what its attempts left on it.</summary>
    public static DeadLettered<TKey, TValue, TContext> For<TKey, TValue, TContext>(Submission<TKey, TValue, TContext> record, DeadLetterCause cause) =>
        new(record.Envelope, cause, record.Attempt, record.Failures?.LastError, record.Failures?.FirstFailureAt, record.Failures?.LastFailureAt);
}
