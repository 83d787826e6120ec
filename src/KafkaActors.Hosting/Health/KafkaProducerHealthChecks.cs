using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KafkaActors.Hosting;

/// <summary>Health checks for producers registered with <c>WithKafkaProducer</c>.</summary>
public static class KafkaProducerHealthChecks
{
    /// <summary>
    /// A health check for the producer registered under <typeparamref name="TRegistryKey"/>: Healthy when delivering,
    /// Degraded while its brokers are down or retries pile up, Unhealthy when it has stopped or does not answer.
    /// </summary>
    public static IHealthChecksBuilder AddKafkaProducer<TRegistryKey>(this IHealthChecksBuilder builder, string name,
        KafkaProducerHealthThresholds? thresholds = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var limits = thresholds ?? KafkaProducerHealthThresholds.Default;
        return builder.Add(new HealthCheckRegistration(name,
            services => new KafkaProducerHealthCheck<TRegistryKey>(services.GetRequiredService<IRequiredActor<TRegistryKey>>(), limits),
            HealthStatus.Unhealthy, tags));
    }
}
