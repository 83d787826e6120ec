using System.Text;
using Akka.Actor;
using KafkaActors.Durability;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Docs;

/// <summary>The README's durable-producing example, run against the embedded broker and a SQLite journal.</summary>
public sealed class ReadmeDurableExample : Akka.TestKit.Xunit2.TestKit
{
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly ScratchDirectory _scratch = new("readme-durable-");

    [Fact]
    public async Task The_durable_example_is_accepted_then_delivered()
    {
        _kafka.CreateTopic("orders", 3);
        var system = Sys;
        var bootstrapServers = _kafka.BootstrapServers;
        var journalFile = Path.Combine(_scratch.Path, "outbox.db");
        var recovered = CreateTestProbe().Ref;
        var order = (Id: "order-1", Json: Encoding.UTF8.GetBytes("{\"n\":1}"), Context: "ctx-1");

        #region readme-durable
        var settings = ProducerActorSettings<byte[]?, byte[]>.Create(system).WithBootstrapServers(bootstrapServers);
        var durability = DurabilitySettings.Create(system).WithSqlite(journalFile); // kafka-actors.durability
        var producer = system.ActorOf(DurableProducerActor.Props<string>(settings, durability,
            recoveredReplyTo: recovered)); // hears the outcomes of records an earlier (crashed) run accepted

        var envelope = ProducerEnvelope.Create<byte[]?, byte[], string>("orders", Encoding.UTF8.GetBytes(order.Id), order.Json, order.Context);
        producer.Tell(new ProduceWithAcceptance<string>(envelope));
        // Accepted<string> once it is in the journal (it survives a kill -9 now), then Produced / DeadLettered as usual
        #endregion

        ExpectMsg<Accepted<string>>(TimeSpan.FromSeconds(30));
        Assert.Equal("ctx-1", ExpectMsg<Produced<byte[]?, byte[], string>>(TimeSpan.FromSeconds(30)).Envelope.Context);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _kafka.Dispose();
        _scratch.Dispose();
    }
}
