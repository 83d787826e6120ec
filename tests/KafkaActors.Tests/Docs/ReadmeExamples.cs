using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Docs;

/// <summary>The README's examples, run against the embedded broker. Regions are cut into README.md.</summary>
public class ReadmeExamples : Akka.TestKit.Xunit2.TestKit
{
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();

    private sealed record Order(string Id, string Json);

    [Fact]
    public async Task The_flow_example_pairs_every_order_with_its_outcome()
    {
        _kafka.CreateTopic("orders", 3);
        var system = Sys;
        var bootstrapServers = _kafka.BootstrapServers;
        var orders = Enumerable.Range(1, 100).Select(i => new Order($"order-{i}", $"{{\"n\":{i}}}")).ToList();
        var log = new List<string>();

        #region readme-flow
        var settings = ProducerPipelineSettings<string, string>.Create(system) // kafka-actors.producer over the defaults
            .WithBootstrapServers(bootstrapServers);

        var outcomes = await Source.From(orders)
            .Select(order => ProducerEnvelope.Create("orders", order.Id, order.Json, context: order))
            .Via(KafkaProducerFlow.Create<string, string, Order>(settings))
            .RunWith(Sink.Seq<DeliveryOutcome<string, string, Order>>(), system.Materializer());

        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case DeliveryOutcome<string, string, Order>.Delivered delivered:
                    log.Add($"{delivered.Envelope.Context.Id} at {delivered.TopicPartitionOffset}");
                    break;
                case DeliveryOutcome<string, string, Order>.Failed failed: // the record and its context came back
                    log.Add($"{failed.Envelope.Context.Id} failed: {failed.Error.Code} ({failed.Error.Kind})");
                    break;
            }
        }
        #endregion

        Assert.Equal(100, log.Count);
        Assert.All(log, line => Assert.Contains(" at orders [", line));
    }

    [Fact]
    public async Task The_actor_example_replies_with_the_outcome_and_the_context()
    {
        _kafka.CreateTopic("orders", 3);
        var system = Sys;
        var bootstrapServers = _kafka.BootstrapServers;
        var order = new Order("order-42", "{\"n\":42}");
        var audit = CreateTestProbe().Ref;
        var deadLetters = CreateTestProbe().Ref;

        #region readme-actor
        var settings = ProducerActorSettings<string, string>.Create(system) // kafka-actors.* over the defaults
            .WithBootstrapServers(bootstrapServers);
        var producer = system.ActorOf(KafkaProducerActor.Props<string, string, Order>(
            settings, successActor: audit, deadLetterActor: deadLetters)); // both optional; an IProducerListener too

        var reply = await producer.Ask<IProduceReply<string, string, Order>>(
            Produce.Create("orders", order.Id, order.Json, order), TimeSpan.FromSeconds(30));
        // Produced (where it landed), DeadLettered (why not, after retries) or ProduceRejected (intake full)
        #endregion

        var delivered = Assert.IsType<Produced<string, string, Order>>(reply);
        Assert.Same(order, delivered.Envelope.Context);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _kafka.Dispose();
    }
}
