using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Transactions;

/// <summary>
/// Consume-transform-produce: records from the committable source, their offsets riding as the context
/// (pass-through envelopes for input without output) into the same transactions as the output.
/// </summary>
public class ConsumeTransformProduceTests(ITestOutputHelper output) : TransactionalFlowSpec
{
    private const short AddOffsetsToTxn = 25;
    private const short TxnOffsetCommit = 28;

    [Fact]
    public async Task Every_consumed_record_comes_out_committed_in_input_order_with_its_offset_and_output()
    {
        var (input, outputTopic) = Topics("ctp");

        var outcomes = await Transform(input, outputTopic, "ctp", 50);

        Assert.All(outcomes, o => Assert.IsType<TransactionOutcome<string, string, ConsumedRecord<string, string>>.Committed>(o));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), outcomes.Select(o => o.Context.Offset.Consumed.Offset.Value));
        Assert.Equal(10, outcomes.Count(o => o.Envelope is PassThroughEnvelope<string, string, ConsumedRecord<string, string>>));
        Assert.Equal(Enumerable.Range(0, 50).Where(i => i % 5 != 0).Select(i => $"out-{i}"), Values(outputTopic));
    }

    // Retriable ones librdkafka retries itself (attempt 1); abortable ones abort the transaction, and the whole
    // batch, offsets included, is sent again (attempt 2).
    [Theory]
    [InlineData(AddOffsetsToTxn, ErrorCode.GroupCoordinatorNotAvailable, 1)]
    [InlineData(AddOffsetsToTxn, ErrorCode.GroupAuthorizationFailed, 2)]
    [InlineData(TxnOffsetCommit, ErrorCode.GroupCoordinatorNotAvailable, 1)]
    [InlineData(TxnOffsetCommit, ErrorCode.IllegalGeneration, 2)]
    public async Task An_error_on_sending_the_offsets_is_retried_and_every_record_of_the_transaction_comes_out_committed(short apiKey, ErrorCode error, int attempts)
    {
        var (input, outputTopic) = Topics($"ctp-{apiKey}");
        Kafka.PushRequestErrors(apiKey, error);

        var outcomes = await Transform(input, outputTopic, $"ctp-{apiKey}-{error}", 30);

        foreach (var o in outcomes.Where((_, i) => i % 10 == 0)) output.WriteLine(o.ToString());
        Assert.All(outcomes, o => Assert.IsType<TransactionOutcome<string, string, ConsumedRecord<string, string>>.Committed>(o));
        Assert.Equal([attempts, 1, 1], outcomes.Select(o => o.Transaction).Distinct().Select(t => t.Attempts));
        // The aborted attempt's output reached the broker, which shows it to read_committed too (EmbeddedTransactionFacts).
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 5 != 0).Select(i => $"out-{i}"), Values(outputTopic).Distinct());
    }

    private (string Input, string Output) Topics(string purpose)
    {
        var input = NewTopic($"{purpose}-in");
        using var seed = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = BootstrapServers }).Build();
        for (var i = 0; i < 50; i++) seed.Produce(input, new Message<string, string> { Key = $"key-{i}", Value = $"{i}" });
        seed.Flush(ReadTimeout);
        return (input, NewTopic($"{purpose}-out"));
    }

    // Every fifth input produces nothing and rides as a pass-through, so its offset is committed all the same.
    private Task<IReadOnlyList<TransactionOutcome<string, string, ConsumedRecord<string, string>>>> Transform(string input, string outputTopic, string suffix, int count)
    {
        var (producer, transactions, retry) = (Producer(), Transactions(maxRecords: 10), Retry());
        #region readme-transactions
        var consumer = new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = $"group-{suffix}", AutoOffsetReset = AutoOffsetReset.Earliest };
        var outcomes = CommittableSource.Create<string, string>(consumer, [input]) // records with their ConsumerOffset
            .Take(count)
            .Select(record => int.Parse(record.Message.Value) % 5 == 0
                ? (IProducerEnvelope<string, string, ConsumedRecord<string, string>>)ProducerEnvelope.PassThrough<string, string, ConsumedRecord<string, string>>(record) // no output: its offset still commits
                : ProducerEnvelope.Create(outputTopic, record.Message.Key, $"out-{record.Message.Value}", record))
            .Via(TransactionalProducerFlow.Create<string, string, ConsumedRecord<string, string>>(
                producer, transactions, retry, transactionalIdSuffix: suffix, offsetOf: r => r.Offset)) // output + offsets, one transaction
            .RunWith(Sink.Seq<TransactionOutcome<string, string, ConsumedRecord<string, string>>>(), Sys.Materializer());
        // Committed (with where each record landed) | Aborted (reason, error, the whole transaction's envelopes)
        #endregion
        return outcomes.ContinueWith(t => (IReadOnlyList<TransactionOutcome<string, string, ConsumedRecord<string, string>>>)t.Result);
    }
}
