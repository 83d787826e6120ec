using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <see cref="TransactionalProducerFlow"/> with transactions of <c>size</c> records: the same envelopes through the
/// flow into a sink that counts committed outcomes. Its transactional producer (same client properties plus a
/// transactional.id of its own) is built and initialized inside the measured part: that is part of its price.
/// </summary>
internal sealed class TransactionalFlowRun(BenchEnvironment environment, string topic, int size) : IBenchRun
{
    private readonly IProducerEnvelope<Null, byte[], int>[] _envelopes =
        environment.Workload.BuildMessages().Select(IProducerEnvelope<Null, byte[], int> (message, i) => new ProducerEnvelope<Null, byte[], int>(topic, message, i)).ToArray();

    public Task<DeliveryCount> ExecuteAsync(CancellationToken ct)
    {
        var transactions = TransactionSettings.Create(environment.System)
            .WithMaxRecords(size).WithMaxBytes(long.MaxValue).WithCommitInterval(TimeSpan.FromMinutes(10));
        return Source.From(_envelopes)
            .Via(TransactionalProducerFlow.Create<Null, byte[], int>(environment.Settings, transactions, RetrySettings.Create(environment.System), topic))
            .RunWith(Sink.Aggregate<TransactionOutcome<Null, byte[], int>, DeliveryCount>(default,
                static (count, outcome) => count.Add(outcome is TransactionOutcome<Null, byte[], int>.Committed)), environment.Materializer);
    }

    public void Dispose()
    {
        // The flow disposes its producer when its stream completes.
    }
}
