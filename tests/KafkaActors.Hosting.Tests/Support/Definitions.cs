using Confluent.Kafka;
using KafkaActors.Hosting;

namespace KafkaActors.Hosting.Tests;

/// <summary>What an order request carries through the producer and back.</summary>
public sealed record OrderRequest(string RequestId);

#region readme-hosting-definitions
public sealed class Orders() : KafkaProducerDefinition<Orders, string, string, OrderRequest>("orders");
public sealed class Audit() : KafkaProducerDefinition<Audit, Null, byte[], int>("audit");
#endregion
