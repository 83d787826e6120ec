using KafkaActors.Testing;
using KafkaActors.Tests.Support;

namespace KafkaActors.Tests.Durability;

/// <summary>Base for durable-producer tests: an embedded broker with this test's topic, and a scratch folder for journals.</summary>
public abstract class DurableSpec : IDisposable
{
    protected DurableSpec(int partitions = 1)
    {
        Topic = TestTopic.NewName(GetType().Name);
        Kafka.CreateTopic(Topic, partitions);
    }

    protected EmbeddedKafka Kafka { get; } = EmbeddedKafka.Start();

    protected ScratchDirectory Scratch { get; } = new("durable-");

    protected string Topic { get; }

    public void Dispose()
    {
        Kafka.Dispose();
        Scratch.Dispose();
        GC.SuppressFinalize(this);
    }
}
