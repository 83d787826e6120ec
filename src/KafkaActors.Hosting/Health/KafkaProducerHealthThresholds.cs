namespace KafkaActors.Hosting;

/// <summary>When a hosted producer's health check calls it Degraded, and how long it waits for the actor's answer.</summary>
/// <param name="DegradedPendingRetries">More records than this waiting for a retry is Degraded.</param>
/// <param name="AnswerTimeout">No answer within this is Unhealthy.</param>
public sealed record KafkaProducerHealthThresholds(int DegradedPendingRetries, TimeSpan AnswerTimeout)
{
    public static readonly KafkaProducerHealthThresholds Default = new(1000, TimeSpan.FromSeconds(5));
}
