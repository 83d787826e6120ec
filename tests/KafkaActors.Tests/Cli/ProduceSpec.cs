using KafkaActors.Testing;

namespace KafkaActors.Tests.Cli;

/// <summary>Base for tests of <c>kafka-actors produce</c>: an embedded broker and a scratch folder for inputs, configs and reports.</summary>
public abstract class ProduceSpec : IDisposable
{
    protected static readonly TimeSpan ReadBack = TimeSpan.FromSeconds(60);

    protected EmbeddedKafka Kafka { get; } = EmbeddedKafka.Start();

    protected string Dir { get; } = Directory.CreateTempSubdirectory("kafka-actors-produce-").FullName;

    /// <summary>Writes a file in the scratch folder and returns its path.</summary>
    protected string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Kafka.Dispose();
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
