using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Transactions;

/// <summary>Envelopes grouped into transactions; each comes out once, committed or aborted, as consumers see it.</summary>
public class TransactionalProducerFlowTests : TransactionalFlowSpec
{
    [Fact]
    public async Task Committed_transactions_reach_read_committed_consumers_and_every_envelope_says_where_it_landed()
    {
        var topic = NewTopic("committed");
        var envelopes = Envelopes(topic, 250);

        var outcomes = await Run(envelopes, "committed", Transactions(maxRecords: 100));

        Assert.Equal(envelopes, outcomes.Select(o => o.Envelope)); // the same instances, in submission order
        var committed = outcomes.Cast<TransactionOutcome<string, string, int>.Committed>().ToList();
        Assert.Equal([1L, 2L, 3L], committed.Select(c => c.Transaction.Sequence).Distinct());
        Assert.Equal([100, 100, 50], committed.GroupBy(c => c.Transaction.Sequence).Select(g => g.Count()));
        var read = TestConsumer.ReadToEnd<string, string>(BootstrapServers, topic, ReadTimeout);
        Assert.Equal(ValuesOf(0, 250), read.Select(r => r.Message.Value));
        Assert.Equal(read.Select(r => r.Offset.Value), committed.Select(c => Assert.Single(c.Offsets).Offset.Value));
    }

    [Fact]
    public async Task A_record_that_cannot_be_sent_aborts_its_whole_transaction_and_the_next_one_commits()
    {
        var topic = NewTopic("record-failed");
        var envelopes = Envelopes(topic, 30);
        envelopes[15] = ProducerEnvelope.Create(topic, "key-15", new string('x', 200_000), 15); // over message.max.bytes (100,000 here)

        var outcomes = await Run(envelopes, "record-failed", Transactions(maxRecords: 10));

        Assert.All(outcomes.Take(10).Concat(outcomes.Skip(20)), o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));
        var aborted = outcomes.Skip(10).Take(10).Cast<TransactionOutcome<string, string, int>.Aborted>().ToList();
        Assert.Equal(10, aborted.Count);
        Assert.All(aborted, a => Assert.Equal(TransactionAbortReason.RecordFailed, a.Reason));
        Assert.All(aborted, a => Assert.Equal(envelopes.Skip(10).Take(10), a.TransactionEnvelopes)); // the whole transaction, to send again
        Assert.All(aborted, a => Assert.Equal(ErrorCode.MsgSizeTooLarge, a.Error.Code));
        Assert.Equal(FailureKind.Permanent, aborted[5].Error.Kind);
        // The records after the oversize one were never sent; those before it may have been, and the embedded
        // broker shows aborted records even to read_committed (EmbeddedTransactionFacts): a real Kafka hides them
        // (TransactionGuaranteeTests).
        var read = Values(topic);
        Assert.Equal(ValuesOf(0, 10).Concat(ValuesOf(20, 10)), read.Where(v => !ValuesOf(10, 10).Contains(v)));
        Assert.Empty(read.Intersect(ValuesOf(15, 5)));
    }

    [Fact]
    public async Task The_callers_boundary_ends_a_transaction_before_max_records()
    {
        var topic = NewTopic("boundary");

        var outcomes = await Run(Envelopes(topic, 20), "boundary", Transactions(maxRecords: 100), endsTransaction: e => e.Context % 7 == 6);

        Assert.Equal([7, 7, 6], outcomes.GroupBy(o => o.Transaction.Sequence).Select(g => g.Count()));
        Assert.All(outcomes, o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));
    }

    [Fact]
    public void The_commit_interval_commits_a_transaction_that_never_fills()
    {
        var topic = NewTopic("interval");
        var transactions = Transactions(maxRecords: 1000).WithCommitInterval(TimeSpan.FromMilliseconds(200));
        var probe = Source.From(Envelopes(topic, 3)).Concat(Source.Never<IProducerEnvelope<string, string, int>>())
            .Via(TransactionalProducerFlow.Create<string, string, int>(Producer(), transactions, Retry(), "interval"))
            .RunWith(this.SinkProbe<TransactionOutcome<string, string, int>>(), Sys.Materializer());

        probe.Request(3);
        var outcomes = Enumerable.Range(0, 3).Select(_ => probe.ExpectNext(TimeSpan.FromSeconds(30))).ToList();

        Assert.All(outcomes, o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));
        Assert.Equal(ValuesOf(0, 3), Values(topic));
        probe.Cancel();
    }

    [Fact]
    public async Task Transactions_are_grouped_by_bytes_too()
    {
        var topic = NewTopic("bytes");
        var transactions = Transactions(maxRecords: 1000).WithMaxBytes(1000);
        var envelopes = Enumerable.Range(0, 10).Select(i => ProducerEnvelope.Create(topic, "k", new string('v', 296), i)).ToList<IProducerEnvelope<string, string, int>>();

        var outcomes = await Run(envelopes, "bytes", transactions);

        // 297 bytes per envelope: the fourth reaches 1,000 bytes and closes its transaction.
        Assert.Equal([4, 4, 2], outcomes.GroupBy(o => o.Transaction.Sequence).Select(g => g.Count()));
    }
}
