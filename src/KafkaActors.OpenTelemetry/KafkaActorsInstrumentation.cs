using KafkaActors;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// OpenTelemetry's own namespace, as instrumentation libraries do: the extension shows up wherever the builder is used.
namespace OpenTelemetry;

/// <summary>Subscribes OpenTelemetry to KafkaActors: the <c>KafkaActors</c> activity source and meter.</summary>
public static class KafkaActorsInstrumentation
{
    /// <summary>Record spans (<c>send {topic}</c>) and the <c>KafkaActors</c> meter, on one OpenTelemetry builder.</summary>
    public static IOpenTelemetryBuilder AddKafkaActorsInstrumentation(this IOpenTelemetryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTracing(tracing => tracing.AddKafkaActorsInstrumentation())
            .WithMetrics(metrics => metrics.AddKafkaActorsInstrumentation());
    }

    /// <summary>Record spans: one <c>send {topic}</c> per record, from acceptance to its terminal outcome.</summary>
    public static TracerProviderBuilder AddKafkaActorsInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(KafkaActorsTracing.SourceName);
    }

    /// <summary>The <c>KafkaActors</c> meter: our instruments and the messaging semantic-convention ones.</summary>
    public static MeterProviderBuilder AddKafkaActorsInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(KafkaActorsMetrics.MeterName);
    }
}
