using System.Diagnostics;
using Confluent.Kafka;
using KafkaActors.Testing;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Support;

/// <summary>
/// The stage of a fault-injection test: a fresh embedded cluster (faults are cluster-wide, so never
/// shared), one topic created before any client looks it up, and a producer on it. Every send is
/// measured and written to the test output, so a run documents how long each fault took and how
/// many Produce requests the client made.
/// </summary>
public sealed class ProducerOnEmbeddedKafka : IDisposable
{
    private readonly ITestOutputHelper _output;

    private ProducerOnEmbeddedKafka(EmbeddedKafka kafka, string topic, TestProducer producer, ITestOutputHelper output)
    {
        Kafka = kafka;
        Topic = topic;
        Producer = producer;
        _output = output;
    }

    public EmbeddedKafka Kafka { get; }

    public string Topic { get; }

    public TestProducer Producer { get; }

    public ClientErrorLog Errors => Producer.Errors;

    /// <param name="output">Receives one line per send: outcome, time taken, Produce requests so far.</param>
    /// <param name="configure">Changes to librdkafka's default producer configuration.</param>
    /// <param name="brokers">Brokers in the cluster.</param>
    public static ProducerOnEmbeddedKafka Start(ITestOutputHelper output, Action<ProducerConfig>? configure = null, int brokers = 1)
    {
        var kafka = EmbeddedKafka.Start(brokers);
        try
        {
            var topic = TestTopic.NewName("faults");
            kafka.CreateTopic(topic);
            return new ProducerOnEmbeddedKafka(kafka, topic, TestProducer.Start(kafka.BootstrapServers, configure), output);
        }
        catch
        {
            kafka.Dispose();
            throw;
        }
    }

    /// <summary>Sends one record to <see cref="Topic"/> and waits for its delivery report, whatever the outcome.</summary>
    public async Task<MeasuredDelivery> SendAsync(string value = "value")
    {
        var clock = Stopwatch.StartNew();
        var report = await Producer.SendAsync(Topic, value: value);
        var delivery = new MeasuredDelivery(report, clock.Elapsed, Kafka.ProduceRequestCount);
        _output.WriteLine(delivery.ToString());
        return delivery;
    }

    public void SetAllBrokersDown()
    {
        for (var id = 1; id <= Kafka.BrokerCount; id++) Kafka.SetBrokerDown(id);
    }

    public void SetAllBrokersUp()
    {
        for (var id = 1; id <= Kafka.BrokerCount; id++) Kafka.SetBrokerUp(id);
    }

    public void Dispose()
    {
        Producer.Dispose();
        Kafka.Dispose();
    }
}
