using Akka.Configuration;

namespace KafkaActors.Cli.Pipeline;

/// <summary>
/// The pipeline as the demo and the soak run it on the embedded broker: transient broker errors reach the
/// retry supervisor (no idempotence, no client retries; one request in flight per connection keeps
/// partition order for preserve-key-order = on), a broker outage times records out quickly, and retries
/// come soon and often enough to outlast the outages.
/// </summary>
internal static class FaultVisibleConfig
{
    public static Config For(string bootstrap) => ConfigurationFactory.ParseString($$"""
        kafka-actors {
          producer.kafka-clients {
            bootstrap.servers = "{{bootstrap}}"
            enable.idempotence = false
            max.in.flight.requests.per.connection = 1
            retries = 0
            message.timeout.ms = 1500
          }
          retry { min-backoff = 100ms, max-backoff = 2s, max-attempts = 30 }
        }
        """);
}
