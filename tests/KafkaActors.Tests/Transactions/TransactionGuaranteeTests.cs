using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Transactions;

/// <summary>
/// The exactly-once guarantees that need a real Kafka (the embedded broker does not implement them: see
/// <see cref="EmbeddedTransactionFacts"/>): aborted records hidden from read_committed, fencing of a zombie,
/// offsets committed with the output.
/// </summary>
public class TransactionGuaranteeTests(KafkaBrokerFixture fixture) : TransactionalFlowSpec(fixture.Broker.IsEmbedded ? null : fixture.Broker.BootstrapServers),
    IClassFixture<KafkaBrokerFixture>
{
    [RealKafkaFact]
    public async Task An_aborted_transaction_is_hidden_from_read_committed_consumers()
    {
        var topic = NewTopic("hidden");
        var envelopes = Envelopes(topic, 30);
        envelopes[19] = ProducerEnvelope.Create(topic, "key-19", new string('x', 200_000), 19);

        var outcomes = await Run(envelopes, "hidden", Transactions(maxRecords: 10));

        Assert.All(outcomes.Skip(10).Take(10), o => Assert.IsType<TransactionOutcome<string, string, int>.Aborted>(o));
        Assert.Equal(ValuesOf(0, 10).Concat(ValuesOf(20, 10)), Values(topic));
    }

    [RealKafkaFact]
    public async Task A_second_instance_with_the_same_id_fences_the_first_whose_later_envelopes_all_come_back_fenced()
    {
        var topic = NewTopic("zombie");
        var (zombie, outcomes) = Source.Queue<IProducerEnvelope<string, string, int>>(100, OverflowStrategy.Backpressure)
            .Via(TransactionalProducerFlow.Create<string, string, int>(Producer(), Transactions(maxRecords: 10), Retry(), "orders-0"))
            .ToMaterialized(this.SinkProbe<TransactionOutcome<string, string, int>>(), Keep.Both)
            .Run(Sys.Materializer());
        outcomes.Request(100);
        foreach (var envelope in Envelopes(topic, 10)) await zombie.OfferAsync(envelope);
        Assert.All(Next(outcomes, 10), o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));

        var successor = await Run(Envelopes(topic, 10, from: 10), "orders-0", Transactions(maxRecords: 10)); // restarted elsewhere
        Assert.All(successor, o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));

        foreach (var envelope in Envelopes(topic, 20, from: 100)) await zombie.OfferAsync(envelope);
        var fenced = Next(outcomes, 20).Cast<TransactionOutcome<string, string, int>.Aborted>().ToList();
        Assert.Equal(Enumerable.Range(100, 20), fenced.Select(f => f.Context));
        Assert.All(fenced, f => Assert.Equal(TransactionAbortReason.Fenced, f.Reason));
        Assert.Equal([1, 0], fenced.Select(f => f.Transaction).Distinct().Select(t => t.Attempts)); // after fencing, nothing more is tried
        Assert.Equal(ValuesOf(0, 20), Values(topic));
        zombie.Complete();
        outcomes.ExpectComplete();
    }

    private static List<TransactionOutcome<string, string, int>> Next(TestSubscriber.Probe<TransactionOutcome<string, string, int>> probe, int count) =>
        Enumerable.Range(0, count).Select(_ => probe.ExpectNext(TimeSpan.FromSeconds(60))).ToList();
}
