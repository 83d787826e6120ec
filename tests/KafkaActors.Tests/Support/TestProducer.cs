using Confluent.Kafka;

namespace KafkaActors.Tests.Support;

/// <summary>
/// A Confluent producer as tests need it: delivery reports come back as values (failures included,
/// never thrown) and everything the error handler sees is kept in <see cref="Errors"/>.
/// </summary>
public sealed class TestProducer : IDisposable
{
    private TestProducer(IProducer<string, string> client, ClientErrorLog errors)
    {
        Client = client;
        Errors = errors;
    }

    /// <summary>The underlying producer, for calls this class does not wrap (Produce, Flush, ...).</summary>
    public IProducer<string, string> Client { get; }

    public ClientErrorLog Errors { get; }

    /// <summary>A producer with librdkafka's defaults, except what <paramref name="configure"/> changes.</summary>
    public static TestProducer Start(string bootstrapServers, Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig { BootstrapServers = bootstrapServers };
        configure?.Invoke(config);
        var errors = new ClientErrorLog();
        var client = new ProducerBuilder<string, string>(config)
            .SetErrorHandler((_, error) => errors.Add(error))
            .SetLogHandler((_, _) => { }) // errors arrive through the error handler; the log would only repeat them
            .Build();
        return new TestProducer(client, errors);
    }

    /// <summary>Produces one record and completes with its delivery report, whatever its outcome.</summary>
    public Task<DeliveryReport<string, string>> SendAsync(string topic, Message<string, string> message)
    {
        var report = new TaskCompletionSource<DeliveryReport<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Client.Produce(topic, message, report.SetResult);
        return report.Task;
    }

    public Task<DeliveryReport<string, string>> SendAsync(string topic, string key = "key", string value = "value") =>
        SendAsync(topic, new Message<string, string> { Key = key, Value = value });

    public void Dispose() => Client.Dispose();
}
