using Akka;
using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Actors;

/// <summary>Stopping never loses a record: what can finish within close-timeout does, the rest is dead-lettered with reason Shutdown.</summary>
public class ShutdownTests : ProducerActorSpec
{
    [FaultInjectionFact]
    public async Task A_graceful_stop_lets_in_flight_records_and_due_retries_finish()
    {
        CreateTopics(partitions: 2);
        var notified = new OutcomeLog();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors]).WithCloseTimeout(TimeSpan.FromSeconds(30)), notified);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.NoError, ErrorCode.RequestTimedOut);

        for (var id = 0; id < 500; id++) producer.Tell(Produce(Envelope(id)));
        await StopGracefully(producer, notified, expectedTerminal: 500);

        Assert.Equal(500, notified.TerminalCount);
        Assert.Empty(notified.DeadLettered);
        Assert.Contains(notified.Delivered, d => d.Attempts > 1);
    }

    [FaultInjectionFact]
    public async Task Stopping_mid_stream_gives_every_accepted_record_exactly_one_terminal_outcome()
    {
        CreateTopics(partitions: 2);
        var notified = new OutcomeLog();
        var replies = new OutcomeLog();
        var failedOnce = new RecordingListener();
        var settings = Settings([.. SurfaceBrokerErrors])
            .WithRetry(r => r.WithBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 0)) // retries never come due before close-timeout
            .WithCloseTimeout(TimeSpan.FromSeconds(1));
        var producer = StartProducer(settings, notified, failedOnce);
        var sender = replies.StartRecorder(Sys);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.NoError, ErrorCode.RequestTimedOut);

        for (var id = 0; id < 2000; id++) producer.Tell(Produce(Envelope(id, keys: 100)), sender);
        await failedOnce.Signalled.WaitAsync(TimeSpan.FromSeconds(30));
        await StopGracefully(producer);
        // Senders and the notified actors hear about each outcome through their own mailboxes: wait for both.
        await Task.WhenAll(replies.WhenTerminal(2000), notified.WhenTerminal(2000)).WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var log in new[] { notified, replies })
        {
            Assert.Equal(2000, log.TerminalCount);
            Assert.Equal(Enumerable.Range(0, 2000), log.TerminalIds.Order());
            Assert.Empty(log.Duplicates);
        }
        Assert.NotEmpty(notified.Delivered);
        Assert.Contains(notified.DeadLettered, d => d.Cause == DeadLetterCause.Shutdown && d.LastError?.Code == ErrorCode.RequestTimedOut);
    }

    [Fact]
    public async Task Coordinated_shutdown_drains_the_producer_before_the_system_terminates()
    {
        CreateTopics();
        var listener = new RecordingListener();
        var system = ActorSystem.Create("coordinated-shutdown", "akka.loglevel = WARNING");
        var producer = system.ActorOf(KafkaProducerActor.Props(
            ProducerActorSettings<string, string>.Create(system).WithBootstrapServers(Kafka.BootstrapServers), listener: listener));

        await producer.Ask<IProduceReply<string, string, int>>(Produce(Envelope(-1)), TimeSpan.FromSeconds(30)); // running, so registered

        for (var id = 0; id < 300; id++) producer.Tell(Produce(Envelope(id)));
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(-1, 301), listener.Successes.Select(d => d.Envelope.Context).Order());
        Assert.Empty(listener.DeadLettered);
    }
}
