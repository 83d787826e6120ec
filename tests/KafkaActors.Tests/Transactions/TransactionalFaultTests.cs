using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Tests.Transactions;

/// <summary>
/// Errors injected on the transactional requests (Kafka API keys: InitProducerId 22, AddPartitionsToTxn 24,
/// EndTxn 26) end in the right outcome for every envelope of the transaction they hit, and the next
/// transaction goes on.
/// </summary>
public class TransactionalFaultTests : TransactionalFlowSpec
{
    private const short InitProducerId = 22;
    private const short AddPartitionsToTxn = 24;
    private const short EndTxn = 26;

    // librdkafka retries these itself: the transactions commit on their first attempt.
    [Theory]
    [InlineData(InitProducerId, ErrorCode.GroupCoordinatorNotAvailable)]
    [InlineData(InitProducerId, ErrorCode.ConcurrentTransactions)]
    [InlineData(AddPartitionsToTxn, ErrorCode.GroupCoordinatorNotAvailable)]
    [InlineData(EndTxn, ErrorCode.GroupCoordinatorNotAvailable)]
    public async Task A_retriable_error_the_client_retries_itself_still_commits_every_envelope(short apiKey, ErrorCode error)
    {
        var topic = NewTopic("client-retried");
        Kafka.PushRequestErrors(apiKey, error, error, error);

        var outcomes = await Run(Envelopes(topic, 20), $"client-retried-{apiKey}", Transactions(maxRecords: 10));

        Assert.All(outcomes, o => Assert.Equal(1, Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o).Transaction.Attempts));
        Assert.Equal(ValuesOf(0, 20), Values(topic));
    }

    [Fact]
    public async Task An_abortable_error_aborts_the_transaction_and_sends_the_whole_batch_again_in_order()
    {
        var topic = NewTopic("abortable");
        Kafka.PushRequestErrors(AddPartitionsToTxn, ErrorCode.TopicAuthorizationFailed);

        var outcomes = await Run(Envelopes(topic, 20), "abortable", Transactions(maxRecords: 10));

        var committed = outcomes.Cast<TransactionOutcome<string, string, int>.Committed>().ToList();
        Assert.Equal([2, 1], committed.Select(c => c.Transaction).Distinct().Select(t => t.Attempts));
        Assert.Equal(ValuesOf(0, 20), Values(topic, IsolationLevel.ReadUncommitted)); // the aborted attempt's records never left the client
    }

    [Fact]
    public async Task Retriable_errors_on_every_attempt_abort_the_transaction_with_its_envelopes_and_the_next_one_commits()
    {
        var topic = NewTopic("exhausted");
        Kafka.PushRequestErrors(AddPartitionsToTxn, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed, ErrorCode.TopicAuthorizationFailed);
        var envelopes = Envelopes(topic, 20);

        var outcomes = await Run(envelopes, "exhausted", Transactions(maxRecords: 10), Retry(maxAttempts: 3));

        var aborted = outcomes.Take(10).Cast<TransactionOutcome<string, string, int>.Aborted>().ToList();
        Assert.All(aborted, a => Assert.Equal(TransactionAbortReason.AttemptsExhausted, a.Reason));
        Assert.All(aborted, a => Assert.Equal(3, a.Transaction.Attempts));
        Assert.All(aborted, a => Assert.Equal(envelopes.Take(10), a.TransactionEnvelopes));
        Assert.All(aborted, a => Assert.Equal(FailureKind.Retriable, a.Error.Kind));
        Assert.All(outcomes.Skip(10), o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));
        Assert.Equal(ValuesOf(10, 10), Values(topic));
    }

    [Fact]
    public async Task A_fatal_error_fails_the_transaction_as_producer_failed_and_the_next_runs_on_a_new_producer()
    {
        var topic = NewTopic("fatal");
        Kafka.PushRequestErrors(EndTxn, ErrorCode.InvalidTxnState);

        var outcomes = await Run(Envelopes(topic, 20), "fatal", Transactions(maxRecords: 10));

        var aborted = outcomes.Take(10).Cast<TransactionOutcome<string, string, int>.Aborted>().ToList();
        Assert.All(aborted, a => Assert.Equal(TransactionAbortReason.ProducerFailed, a.Reason));
        Assert.All(aborted, a => Assert.Equal(ErrorCode.InvalidTxnState, a.Error.Code));
        Assert.All(aborted, a => Assert.Equal(FailureKind.ProducerFailed, a.Error.Kind));
        Assert.All(outcomes.Skip(10), o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));
        Assert.Equal(ValuesOf(10, 10), Values(topic).Skip(10)); // the embedded broker shows aborted records to read_committed too (see EmbeddedTransactionFacts)
    }

    [Fact]
    public async Task Fencing_on_end_txn_aborts_the_transaction_and_every_later_envelope_as_fenced_without_sending_more()
    {
        var topic = NewTopic("fenced");
        Kafka.PushRequestErrors(EndTxn, ErrorCode.ProducerFenced);

        var outcomes = await Run(Envelopes(topic, 30), "fenced", Transactions(maxRecords: 10));

        var aborted = outcomes.Cast<TransactionOutcome<string, string, int>.Aborted>().ToList();
        Assert.Equal(30, aborted.Count);
        Assert.All(aborted, a => Assert.Equal(TransactionAbortReason.Fenced, a.Reason));
        Assert.All(aborted, a => Assert.Equal(ErrorCode.Local_Fenced, a.Error.Code));
        Assert.Equal([1, 0, 0], aborted.Select(a => a.Transaction).Distinct().Select(t => t.Attempts)); // only the first was tried
        Assert.Equal(10, Values(topic, IsolationLevel.ReadUncommitted).Count);
    }

    [Fact]
    public async Task Not_authorized_for_the_transactional_id_aborts_that_transaction_and_the_next_one_tries_again()
    {
        var topic = NewTopic("not-authorized");
        Kafka.PushRequestErrors(InitProducerId, ErrorCode.TransactionalIdAuthorizationFailed);

        var outcomes = await Run(Envelopes(topic, 20), "not-authorized", Transactions(maxRecords: 10));

        var aborted = outcomes.Take(10).Cast<TransactionOutcome<string, string, int>.Aborted>().ToList();
        Assert.All(aborted, a => Assert.Equal(TransactionAbortReason.NotAuthorized, a.Reason));
        Assert.All(aborted, a => Assert.Equal(ErrorCode.TransactionalIdAuthorizationFailed, a.Error.Code));
        Assert.All(outcomes.Skip(10), o => Assert.IsType<TransactionOutcome<string, string, int>.Committed>(o));
        Assert.Equal(ValuesOf(10, 10), Values(topic, IsolationLevel.ReadUncommitted));
    }
}
