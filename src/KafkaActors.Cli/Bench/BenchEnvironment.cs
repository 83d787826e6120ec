using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// What the benchmark rows share: one workload, one broker, one actor system, and one set of client
/// properties (<see cref="Settings"/>, from the reference configuration) for every producer they build. The flow and
/// actor rows build their producers themselves, as a user's do; the stage then also serves their delivery reports
/// with its own poll loop instead of Confluent's background thread (the only client setting that differs from raw's).
/// </summary>
internal sealed record BenchEnvironment(
    BenchWorkload Workload,
    ProducerPipelineSettings<Null, byte[]> Settings,
    ActorSystem System,
    IMaterializer Materializer)
{
    /// <summary>
    /// Delivery reports with the fields the pipeline's handlers read, for every row's producer: a raw user who reads only
    /// the outcome can ask for the same, and the stage asks for it when it builds its own producer.
    /// </summary>
    public const string LeanDeliveryReports = "timestamp,status";

    /// <summary>The client property that says which fields a delivery report carries.</summary>
    public const string DeliveryReportFields = "dotnet.producer.delivery.report.fields";

    /// <summary>A raw row's producer: the rows' shared properties, with <paramref name="deliveryReportFields"/> if given.</summary>
    public IProducer<Null, byte[]> BuildProducer(string? deliveryReportFields = null) =>
        new ProducerBuilder<Null, byte[]>(deliveryReportFields is null
            ? Settings.Properties
            : Settings.Properties.SetItem(DeliveryReportFields, deliveryReportFields)).Build();
}
