using Akka.Actor;
using KafkaActors.Durability;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// The journal failing under a running producer, provoked for real on a SQLite file: records whose write failed
/// are turned away (never accepted), and a journal this version cannot read stops the producer instead of
/// sending something else.
/// </summary>
public sealed class DurableJournalFailureTests : IDisposable
{
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly ScratchDirectory _scratch = new("durable-failure-");
    private readonly string _topic = TestTopic.NewName("durable-failure");

    public DurableJournalFailureTests() => _kafka.CreateTopic(_topic);

    [Fact]
    public async Task A_journal_write_that_fails_stops_the_producer_and_turns_its_records_away()
    {
        var durability = JournalDatabase.Settings("sqlite", _scratch.Path);
        await using var run = DurableRun.Start(_kafka.BootstrapServers, durability);
        run.Send(_topic, 1);
        await run.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Any());
        var watcher = Watch(run);

        JournalRows.Execute(durability, "DROP TABLE journal"); // every write from now on fails
        run.Send(_topic, 2);

        await run.Until(r => r.OfType<ProduceRejected<byte[]?, byte[], int>>().Any());
        Assert.Contains("before the record was in the journal", run.Replies.OfType<ProduceRejected<byte[]?, byte[], int>>().Single().Reason);
        Assert.DoesNotContain(2, run.Contexts<Accepted<int>>());
        await watcher.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_journal_written_in_another_format_stops_the_producer_at_recovery()
    {
        var durability = JournalDatabase.Settings("sqlite", _scratch.Path);
        await using (var first = DurableRun.Start(_kafka.BootstrapServers, durability))
        {
            first.Send(_topic, 1);
            await first.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Any());
            await first.StopGracefully();
        }
        JournalRows.Execute(durability, "UPDATE journal SET message = X'0901'"); // format version 9, which nothing reads

        await using var second = DurableRun.Start(_kafka.BootstrapServers, durability);
        await Watch(second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(second.Replies);
    }

    // Completes when the run's producer has stopped.
    private static Task Watch(DurableRun run) => run.Producer.WatchAsync();

    public void Dispose()
    {
        _kafka.Dispose();
        _scratch.Dispose();
    }
}
