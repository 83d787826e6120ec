using System.Text;
using KafkaActors.Durability;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// The durable producer on a real journal (SQLite, and PostgreSQL where a server runs) and the embedded
/// broker: acceptance means the journal has it, a new run finishes what an earlier one accepted, the journal
/// is compacted, and a journal that falls behind turns records away instead of holding them in memory.
/// </summary>
public sealed class DurableProducerTests : DurableSpec
{
    public DurableProducerTests() : base(partitions: 2)
    {
    }


    public static TheoryData<string> Databases => JournalDatabase.Available();

    [Theory, MemberData(nameof(Databases))]
    public async Task Each_record_is_accepted_then_delivered_with_a_record_id_header(string database)
    {
        await using var run = DurableRun.Start(Kafka.BootstrapServers, JournalDatabase.Settings(database, Scratch.Path));
        for (var id = 0; id < 500; id++) run.Send(Topic, id);

        await run.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Count() == 500);
        Assert.Equal(Enumerable.Range(0, 500), run.Contexts<Accepted<int>>().Order());
        var accepted = run.Replies.OfType<Accepted<int>>().ToDictionary(a => a.Envelope.Context, a => a.RecordId);
        var onTopic = TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, Topic, 500, TimeSpan.FromSeconds(30));
        Assert.Equal(accepted.Values.Order(), onTopic.Select(RecordId).Order());
    }

    [Theory, MemberData(nameof(Databases))]
    public async Task Records_accepted_while_the_broker_is_down_are_delivered_by_the_next_run_with_the_same_record_ids(string database)
    {
        var durability = JournalDatabase.Settings(database, Scratch.Path);
        Dictionary<int, Guid> accepted;
        await using (var first = DurableRun.Start(Kafka.BootstrapServers, durability))
        {
            Kafka.SetBrokerDown(1);
            for (var id = 0; id < 200; id++) first.Send(Topic, id);
            await first.Until(r => r.OfType<Accepted<int>>().Count() == 200);
            accepted = first.Replies.OfType<Accepted<int>>().ToDictionary(a => a.Envelope.Context, a => a.RecordId);
            await first.StopGracefully(); // close-timeout passes: Shutdown, which leaves them in the journal
            Assert.All(first.Replies.OfType<DeadLettered<byte[]?, byte[], int>>(), d => Assert.Equal(DeadLetterCause.Shutdown, d.Cause));
        }
        Kafka.SetBrokerUp(1);

        await using var second = DurableRun.Start(Kafka.BootstrapServers, durability);
        await second.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Count() == 200);
        Assert.Equal(Enumerable.Range(0, 200), second.Contexts<Produced<byte[]?, byte[], int>>().Order()); // contexts came back from the journal
        var onTopic = TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, Topic, 200, TimeSpan.FromSeconds(30));
        Assert.Equal(accepted.Values.Order(), onTopic.Select(RecordId).Distinct().Order());
    }

    [Theory, MemberData(nameof(Databases))]
    public async Task Finished_records_are_not_sent_again_and_the_journal_is_compacted(string database)
    {
        var durability = JournalDatabase.Settings(database, Scratch.Path).WithSnapshotEvery(100).WithMaxBatchSize(50);
        await using (var first = DurableRun.Start(Kafka.BootstrapServers, durability))
        {
            for (var id = 0; id < 2000; id++) first.Send(Topic, id, acknowledge: false);
            await first.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Count() == 2000);
            await first.StopGracefully();
        }
        Assert.InRange(JournalRows.Count(durability), 0, 60); // 2000 records in batches of at most 50: ~40+ writes without compaction

        await using var second = DurableRun.Start(Kafka.BootstrapServers, durability);
        second.Send(Topic, 5000);
        await second.Until(r => r.OfType<Produced<byte[]?, byte[], int>>().Any());
        Assert.Equal([5000], second.Contexts<Produced<byte[]?, byte[], int>>());
    }

    [Fact]
    public async Task A_journal_that_falls_behind_turns_records_away_at_once()
    {
        var durability = JournalDatabase.Settings("sqlite", Scratch.Path).WithMaxOutstanding(50);
        await using var run = DurableRun.Start(Kafka.BootstrapServers, durability);
        Kafka.SetBrokerDown(1); // nothing finishes, so outstanding only grows
        for (var id = 0; id < 80; id++) run.Send(Topic, id);

        await run.Until(r => r.Count == 80);
        var rejected = run.Replies.OfType<ProduceRejected<byte[]?, byte[], int>>().ToList();
        Assert.Equal(30, rejected.Count);
        Assert.All(rejected, r => Assert.Contains("max-outstanding 50", r.Reason));
        Assert.Equal(50, run.Replies.OfType<Accepted<int>>().Count());
        Kafka.SetBrokerUp(1);
    }

    [Fact]
    public async Task Several_records_with_one_context_are_turned_away_with_the_reason()
    {
        await using var run = DurableRun.Start(Kafka.BootstrapServers, JournalDatabase.Settings("sqlite", Scratch.Path));
        var multi = new MultiEnvelope<byte[]?, byte[], int>([(Topic, Confluent.Kafka.Partition.Any, new Confluent.Kafka.Message<byte[]?, byte[]> { Value = [1] })], 7);
        run.Producer.Tell(new Produce<byte[]?, byte[], int>(multi), run.Inbox);

        await run.Until(r => r.Count == 1);
        Assert.Contains("durable producing takes single records", Assert.IsType<ProduceRejected<byte[]?, byte[], int>>(run.Replies[0]).Reason);
    }

    private static Guid RecordId(Confluent.Kafka.ConsumeResult<byte[], byte[]> result) =>
        RecordIdHeader.TryGet(result.Message.Headers, out var id) ? id : throw new Xunit.Sdk.XunitException($"no record id on {Encoding.UTF8.GetString(result.Message.Value)}");
}
