using System.Diagnostics;
using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Diagnostics;

/// <summary>What an OpenTelemetry user sees after the one call: the retried record's trace and the semantic-convention metrics.</summary>
public class OpenTelemetryExportTests : ProducerActorSpec
{
    private readonly ITestOutputHelper _output;

    public OpenTelemetryExportTests(ITestOutputHelper output) : base(output: output) => _output = output;

    private static readonly ActivitySource Application = new("Shop.Orders");

    [FaultInjectionFact]
    public async Task A_retried_record_exports_as_one_send_span_under_the_callers_span_with_its_failed_attempts()
    {
        CreateTopics();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        #region readme-opentelemetry
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Shop.Orders")               // the application's own spans
            .AddKafkaActorsInstrumentation()        // a send {topic} span per record
            .AddInMemoryExporter(spans)             // OTLP, Zipkin, console... in an application
            .Build();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddKafkaActorsInstrumentation()        // the KafkaActors meter, semantic-convention instruments included
            .AddInMemoryExporter(metrics)
            .Build();
        #endregion
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]));
        await producer.Ask<Produced<string, string, int>>(Produce(Envelope(0)), TimeSpan.FromSeconds(30)); // metadata first
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas);

        ActivityTraceId trace;
        Task<Produced<string, string, int>> reply;
        using (var request = Application.StartActivity("POST /orders")!)
        {
            trace = request.TraceId;
            reply = producer.Ask<Produced<string, string, int>>(Produce(ProducerEnvelope.Create(Topic, "order-42", "2 widgets", 42)), TimeSpan.FromSeconds(30));
        }
        var produced = await reply;
        tracing.ForceFlush();
        meters.ForceFlush();

        var ours = spans.Where(s => s.TraceId == trace).ToList();
        _output.WriteLine(SpanTree.Render(ours));
        var send = Assert.Single(ours, s => s.Source.Name == KafkaActorsTracing.SourceName);
        Assert.Equal(ours.Single(s => s.DisplayName == "POST /orders").SpanId, send.ParentSpanId);
        Assert.Equal(3, produced.Attempts);
        Assert.Equal(2, send.Events.Count(e => e.Name == KafkaActorsTracing.AttemptFailedEvent));
        var duration = Assert.Single(metrics, m => m.Name == KafkaActorsMetrics.MessagingOperationDuration);
        Assert.Equal("s", duration.Unit);
        Assert.Contains(metrics, m => m.Name == KafkaActorsMetrics.MessagingSentMessages);
    }
}
