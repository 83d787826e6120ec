using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KafkaActors.Hosting;

/// <summary>Health checks for producers registered with <c>WithKafkaProducer</c>.</summary>
public static class KafkaProducerHealthChecks
{
    /// <summary>
    /// A health check for the producer actor registered under <paramref name="definition"/>, named
    /// <c>kafka-producer-&lt;name&gt;</c> unless <paramref name="name"/> says otherwise: Healthy when delivering,
    /// Degraded while its brokers are down or retries pile up, Unhealthy when it has stopped or does not answer.
    /// </summary>
    public static IHealthChecksBuilder AddKafkaProducer<TDefinition, TKey, TValue, TContext>(this IHealthChecksBuilder builder,
        KafkaProducerDefinition<TDefinition, TKey, TValue, TContext> definition, KafkaProducerHealthThresholds? thresholds = null,
        string? name = null, IEnumerable<string>? tags = null)
        where TDefinition : KafkaProducerDefinition<TDefinition, TKey, TValue, TContext>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        var limits = thresholds ?? KafkaProducerHealthThresholds.Default;
        return builder.Add(new HealthCheckRegistration(name ?? $"kafka-producer-{definition.Name}",
            services => new KafkaProducerHealthCheck<TDefinition>(services.GetRequiredService<IRequiredActor<TDefinition>>(), limits),
            HealthStatus.Unhealthy, tags));
    }
}
