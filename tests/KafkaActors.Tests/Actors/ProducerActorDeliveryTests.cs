using Akka.Actor;
using Akka.TestKit;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Delivered = KafkaActors.Produced<string, string, int>;

namespace KafkaActors.Tests.Actors;

/// <summary>The happy path through the producer actor: who hears about a delivered record, and what they get.</summary>
public class ProducerActorDeliveryTests : ProducerActorSpec
{
    [Fact]
    public async Task Success_goes_to_the_success_actor_and_the_sender_with_the_original_record_and_context()
    {
        CreateTopics();
        var success = CreateTestProbe();
        var listener = new RecordingListener();
        var producer = StartProducer(Settings(), success, deadLetters: TestActor, listener);
        var envelope = ProducerEnvelope.Create(Topic, "k", "v", 42, new Headers { { "trace", "abc"u8.ToArray() } });

        var reply = await producer.Ask<IProduceReply<string, string, int>>(Produce(envelope), TimeSpan.FromSeconds(30));

        var delivered = Assert.IsType<Delivered>(reply);
        Assert.Same(envelope, delivered.Envelope);
        Assert.Equal(42, delivered.Envelope.Context);
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(new TopicPartition(Topic, 0), delivered.TopicPartitionOffset.TopicPartition);
        Assert.Same(delivered, success.ExpectMsg<Delivered>(TimeSpan.FromSeconds(10)));
        Assert.Same(delivered, Assert.Single(listener.Successes));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // nothing for the dead-letter actor
    }

    [Fact]
    public void Records_told_from_an_actor_come_back_to_that_actor_one_reply_each()
    {
        CreateTopics(partitions: 3);
        var producer = StartProducer(Settings());
        for (var id = 0; id < 100; id++) producer.Tell(Produce(Envelope(id)), TestActor);

        var replies = ReceiveN(100, TimeSpan.FromSeconds(30)).Cast<Delivered>().ToList();
        Assert.Equal(Enumerable.Range(0, 100), replies.Select(d => d.Envelope.Context).Order());
        var stored = TestConsumer.ReadAll(Kafka.BootstrapServers, Topic, 100, TimeSpan.FromSeconds(30));
        Assert.Equal(replies.Select(d => d.Envelope.Message.Value).Order(), stored.Select(r => r.Message.Value).Order());
    }

    [Fact]
    public void Records_told_without_a_sender_are_delivered_and_answered_to_nobody()
    {
        CreateTopics();
        var success = CreateTestProbe();
        var producer = StartProducer(Settings(), success, deadLetters: TestActor);
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(Akka.Event.DeadLetter));

        for (var id = 0; id < 10; id++) producer.Tell(Produce(Envelope(id)), id % 2 == 0 ? ActorRefs.NoSender : Sys.DeadLetters);

        var delivered = success.ReceiveN(10, TimeSpan.FromSeconds(30)).Cast<Delivered>().ToList();
        Assert.Equal(Enumerable.Range(0, 10), delivered.Select(d => d.Envelope.Context).Order());
        // No reply was sent to dead letters on behalf of the missing sender.
        deadLetters.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Settings_without_bootstrap_servers_fail_when_the_props_are_made_naming_the_key()
    {
        var settings = ProducerActorSettings<string, string>.Create(Sys);
        var e = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaProducerActor.Props<string, string, int>(settings));
        Assert.Equal("kafka-actors.producer.kafka-clients.bootstrap.servers", e.Key);
    }
}
