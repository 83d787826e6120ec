namespace KafkaActors;

/// <summary>
/// What the producer actor knows of its own health, for health checks to judge. Broker trouble and fatal errors
/// are cleared by the next delivery: librdkafka reports brokers going away, never coming back.
/// </summary>
/// <param name="Stopping">It takes no more records (StopProducing or CoordinatedShutdown).</param>
/// <param name="Outstanding">Accepted records without a terminal outcome yet.</param>
/// <param name="InFlight">Records handed to the Kafka producer whose delivery report has not come back.</param>
/// <param name="PendingRetries">Failed records waiting for their retry.</param>
/// <param name="BrokersDownSince">When the client reported every broker down, if no record was delivered since.</param>
/// <param name="FatalError">The client's last fatal error (the producer was rebuilt), if no record was delivered since.</param>
public sealed record ProducerHealth(bool Stopping, int Outstanding, int InFlight, int PendingRetries,
    DateTimeOffset? BrokersDownSince, string? FatalError);
