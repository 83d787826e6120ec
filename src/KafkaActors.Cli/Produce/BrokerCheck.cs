using Confluent.Kafka;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// Asks the brokers for the topic's metadata before anything is sent, so an unreachable cluster or a
/// missing topic is one clear error in seconds instead of every record timing out.
/// </summary>
internal static class BrokerCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static void TopicExists(IReadOnlyDictionary<string, string> clientProperties, string topic)
    {
        var config = new AdminClientConfig(clientProperties.Where(p => !p.Key.StartsWith("dotnet.", StringComparison.Ordinal))
            .Where(p => IsAdminProperty(p.Key)).ToDictionary(p => p.Key, p => p.Value));
        // Asking about a topic must not create it: a typo should fail, not make a new topic.
        config.Set("allow.auto.create.topics", "false");
        var servers = config.BootstrapServers;
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(topic, Patience);
        }
        catch (KafkaException e)
        {
            throw new CliFailure($"cannot reach Kafka at {servers} within {Patience.TotalSeconds:0} s ({e.Error.Reason}); " +
                                 "is the broker running? Start one with 'kafka-actors broker' or 'docker compose up -d'");
        }
        var found = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart || found.Partitions.Count == 0)
            throw new CliFailure($"topic '{topic}' does not exist at {servers} and the broker did not create it; " +
                                 "create it first (e.g. 'topic <name> <partitions>' on the broker command's input)");
        if (found.Error.IsError)
            throw new CliFailure($"topic '{topic}' cannot be used: {found.Error.Reason}");
    }

    // Producer-only properties make the admin client complain; connection and security ones apply to both.
    private static bool IsAdminProperty(string key) =>
        key is "bootstrap.servers" or "client.id" or "socket.timeout.ms" or "broker.address.family"
        || key.StartsWith("security.", StringComparison.Ordinal) || key.StartsWith("sasl.", StringComparison.Ordinal)
        || key.StartsWith("ssl.", StringComparison.Ordinal);
}
