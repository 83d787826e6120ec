using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>What the stage asks a producer when a report fails: has it died? Over a real producer on the embedded broker.</summary>
public sealed class ClientFatalErrorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();

    [Fact]
    public void It_knows_when_a_producer_died_though_the_report_does_not_say_fatal()
    {
        using var producer = Idempotent();
        var topic = TestTopic.NewName("fatal");
        _kafka.CreateTopic(topic);
        var reports = new List<DeliveryReport<Null, string>>();
        producer.Produce(topic, new Message<Null, string> { Value = "first" }, report => { lock (reports) reports.Add(report); });
        Assert.Equal(0, producer.Flush(Timeout));
        Assert.False(ClientFatalError.IsRaised(producer));

        _kafka.PushProduceErrors(ErrorCode.OutOfOrderSequenceNumber);
        producer.Produce(topic, new Message<Null, string> { Value = "doomed" }, report => { lock (reports) reports.Add(report); });
        producer.Flush(Timeout);

        lock (reports)
        {
            Assert.Equal(2, reports.Count);
            Assert.True(reports[1].Error.IsError, "the second record was delivered");
            Assert.False(reports[1].Error.IsFatal); // what the report says...
        }
        Assert.True(ClientFatalError.IsRaised(producer)); // ...and what the producer knows
    }

    [Fact]
    public void A_disposed_producer_is_not_asked()
    {
        var producer = Idempotent();
        producer.Dispose();
        Assert.False(ClientFatalError.IsRaised(producer));
    }

    private IProducer<Null, string> Idempotent() => new ProducerBuilder<Null, string>(new Dictionary<string, string>
    {
        ["bootstrap.servers"] = _kafka.BootstrapServers,
        ["enable.idempotence"] = "true",
        ["linger.ms"] = "0",
    }).Build();

    public void Dispose() => _kafka.Dispose();
}
