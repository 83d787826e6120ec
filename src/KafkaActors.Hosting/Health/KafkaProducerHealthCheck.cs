using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KafkaActors.Hosting;

/// <summary>
/// Judges one hosted producer actor from its <see cref="ProducerHealth"/>: Unhealthy when it is not running, stopping or
/// does not answer; Degraded while the brokers are down, after a fatal client error, or with more retries pending than
/// the threshold; Healthy otherwise. The reasons and the counts are in the result's data.
/// </summary>
internal sealed class KafkaProducerHealthCheck<TRegistryKey> : IHealthCheck
{
    private readonly IRequiredActor<TRegistryKey> _producer;
    private readonly KafkaProducerHealthThresholds _thresholds;

    public KafkaProducerHealthCheck(IRequiredActor<TRegistryKey> producer, KafkaProducerHealthThresholds thresholds)
    {
        _producer = producer;
        _thresholds = thresholds;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var producer = await _producer.GetAsync(cancellationToken);
        // Watching would need an actor of our own; the local ref knows at once, where an Ask would wait out its timeout.
#pragma warning disable CS0618
        if (producer is IInternalActorRef { IsTerminated: true })
#pragma warning restore CS0618
            return Unhealthy(context, "the producer actor has stopped");
        ProducerHealth health;
        try
        {
            health = await producer.Ask<ProducerHealth>(GetProducerHealth.Instance, _thresholds.AnswerTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return Unhealthy(context, $"the producer actor did not answer within {_thresholds.AnswerTimeout}");
        }

        var data = new Dictionary<string, object>
        {
            ["outstanding"] = health.Outstanding,
            ["in_flight"] = health.InFlight,
            ["pending_retries"] = health.PendingRetries,
        };
        var reasons = new List<string>();
        if (health.BrokersDownSince is { } since)
        {
            data["brokers_down_since"] = since;
            reasons.Add($"all brokers down since {since:O}");
        }
        if (health.FatalError is { } fatal)
        {
            data["fatal_error"] = fatal;
            reasons.Add($"the Kafka producer failed fatally ({fatal}) and was rebuilt; nothing delivered since");
        }
        if (health.PendingRetries > _thresholds.DegradedPendingRetries)
            reasons.Add($"{health.PendingRetries} records waiting for a retry (more than {_thresholds.DegradedPendingRetries})");
        if (health.Stopping) return Result(context.Registration.FailureStatus, "the producer is stopping: it takes no more records", data);
        if (reasons.Count == 0) return HealthCheckResult.Healthy("delivering", data);
        data["reasons"] = reasons;
        return Result(HealthStatus.Degraded, string.Join("; ", reasons), data);
    }

    private static HealthCheckResult Unhealthy(HealthCheckContext context, string reason) =>
        Result(context.Registration.FailureStatus, reason, new Dictionary<string, object>());

    private static HealthCheckResult Result(HealthStatus status, string description, Dictionary<string, object> data)
    {
        data.TryAdd("reasons", new List<string> { description });
        return new HealthCheckResult(status, description, data: data);
    }
}
