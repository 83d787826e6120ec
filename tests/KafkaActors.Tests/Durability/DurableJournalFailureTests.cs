using Akka.Actor;
using KafkaActors.Durability;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// The journal failing under a running producer, provoked for real on a SQLite file: records whose write failed
/// are turned away (never accepted), and a journal this version cannot read stops the producer instead of
/// sending something else.
/// </summary>
public sealed class DurableJournalFailureTests : DurableSpec
{

    [Fact]
    public async Task A_journal_write_that_fails_stops_the_producer_and_turns_its_records_away()
    {
        var durability = JournalDatabase.Settings("sqlite", Scratch.Path);
        await using var run = DurableRun.Start(Kafka.BootstrapServers, durability);
        run.Send(Topic, 1);
        await run.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Any());
        var watcher = Watch(run);

        JournalRows.Execute(durability, "DROP TABLE journal"); // every write from now on fails
        run.Send(Topic, 2);

        await run.Until(r => r.OfType<ProduceRejected<byte[]?, byte[], int>>().Any());
        Assert.Contains("before the record was in the journal", run.Replies.OfType<ProduceRejected<byte[]?, byte[], int>>().Single().Reason);
        Assert.DoesNotContain(2, run.Contexts<Accepted<int>>());
        await watcher.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_journal_written_in_another_format_stops_the_producer_at_recovery()
    {
        var durability = JournalDatabase.Settings("sqlite", Scratch.Path);
        await using (var first = DurableRun.Start(Kafka.BootstrapServers, durability))
        {
            first.Send(Topic, 1);
            await first.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Any());
            await first.StopGracefully();
        }
        JournalRows.Execute(durability, "UPDATE journal SET message = X'0901'"); // format version 9, which nothing reads

        await using var second = DurableRun.Start(Kafka.BootstrapServers, durability);
        await Watch(second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(second.Replies);
    }

    // Completes when the run's producer has stopped.
    private static Task Watch(DurableRun run) => run.Producer.WatchAsync();
}
