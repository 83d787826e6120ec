using System.Collections.Concurrent;
using Akka.Event;
using Confluent.Kafka;
using Error = Confluent.Kafka.Error;

namespace KafkaActors;

/// <summary>
/// Runs the transactions of one transactional flow on a thread of its own, because Confluent's transactional
/// calls block (init, commit and abort each take at least a round trip to the coordinator). One transaction at a
/// time, in order; each ends in one outcome per envelope, handed back through <c>done</c>.
/// </summary>
/// <remarks>
/// Retriable failures abort the transaction and send the whole batch again, in order, after the retry backoff,
/// up to <c>retry.max-attempts</c>; a retriable commit is committed again (its outcome is not known, so aborting
/// could lose a transaction the coordinator already took). A fatal error other than fencing disposes the producer
/// and the next transaction runs on a new one; fencing stops this instance for good.
/// </remarks>
internal sealed class TransactionRunner<TKey, TValue, TContext> : IDisposable
{
    private readonly ProducerPipelineSettings<TKey, TValue> _settings;
    private readonly TransactionSettings _transactions;
    private readonly RetrySettings _retry;
    private readonly Func<TContext, ConsumerOffset?>? _offsetOf;
    private readonly ILoggingAdapter _log;
    private readonly BlockingCollection<Work> _work = new();
    private readonly Thread _thread;
    private IProducer<TKey, TValue>? _producer;
    private DeliveryError? _fenced;
    private volatile Error? _fatal; // what the current producer's error handler said last, when fatal
    private int _attempt;

    public TransactionRunner(ProducerPipelineSettings<TKey, TValue> settings, TransactionSettings transactions, RetrySettings retry,
        string transactionalId, Func<TContext, ConsumerOffset?>? offsetOf, ILoggingAdapter log)
    {
        TransactionalId = transactionalId;
        _settings = settings.WithProperty("transactional.id", transactionalId);
        _transactions = transactions;
        _retry = retry;
        _offsetOf = offsetOf;
        _log = log;
        _thread = new Thread(Loop) { IsBackground = true, Name = $"kafka-actors-transactions-{transactionalId}" };
        _thread.Start();
    }

    public string TransactionalId { get; }

    /// <summary>Queues one transaction; <paramref name="done"/> gets its outcomes, on this runner's thread.</summary>
    public void Run(TransactionBatch<TKey, TValue, TContext> batch, long sequence, Action<IReadOnlyList<TransactionOutcome<TKey, TValue, TContext>>> done) =>
        _work.Add(new Work(batch, sequence, done));

    /// <summary>Takes no more work; the thread finishes the transaction in its hands, then disposes the producer.</summary>
    public void Dispose() => _work.CompleteAdding();

    private void Loop()
    {
        foreach (var work in _work.GetConsumingEnumerable()) work.Done(Execute(work.Batch, work.Sequence));
        DisposeProducer();
        _work.Dispose();
    }

    private IReadOnlyList<TransactionOutcome<TKey, TValue, TContext>> Execute(TransactionBatch<TKey, TValue, TContext> batch, long sequence)
    {
        if (_fenced is { } fenced) return Aborted(batch, new TransactionInfo(TransactionalId, sequence, 0, batch.Count), TransactionAbortReason.Fenced, fenced, null);
        for (_attempt = 1; ; _attempt++)
        {
            var result = Attempt(batch);
            var info = new TransactionInfo(TransactionalId, sequence, _attempt, batch.Count);
            if (result.Verdict == Verdict.Committed)
                return batch.Envelopes.Select(e => (TransactionOutcome<TKey, TValue, TContext>)new TransactionOutcome<TKey, TValue, TContext>.Committed(e, info, result.Records!.OffsetsOf(e))).ToList();
            var error = result.Error!;
            if (result.Verdict == Verdict.Retry && _attempt < _retry.MaxAttempts)
            {
                _log.Warning("Transaction {0} of '{1}' ({2} envelope(s)) failed on attempt {3}, aborted; sending it again: {4}", sequence, TransactionalId, batch.Count, _attempt, error);
                Thread.Sleep(_retry.BackoffAfter(_attempt, Random.Shared.NextDouble()));
                continue;
            }
            var reason = result.Verdict switch
            {
                Verdict.Retry => TransactionAbortReason.AttemptsExhausted,
                Verdict.RecordFailed => TransactionAbortReason.RecordFailed,
                Verdict.Fenced => TransactionAbortReason.Fenced,
                Verdict.NotAuthorized => TransactionAbortReason.NotAuthorized,
                _ => TransactionAbortReason.ProducerFailed,
            };
            _log.Warning("Transaction {0} of '{1}' ({2} envelope(s)) aborted after {3} attempt(s), {4}: {5}", sequence, TransactionalId, batch.Count, _attempt, reason, error);
            return Aborted(batch, info, reason, error, result.Records);
        }
    }

    private AttemptResult Attempt(TransactionBatch<TKey, TValue, TContext> batch)
    {
        RecordsInTransaction<TKey, TValue, TContext>? records = null;
        try
        {
            var producer = Producer();
            producer.BeginTransaction();
            records = new RecordsInTransaction<TKey, TValue, TContext>(batch, _settings.Classifier);
            if (!records.SendAndWait(producer, _transactions.OperationTimeout))
            {
                Abort(producer);
                return new AttemptResult(Verdict.Retry, LocalError(ErrorCode.Local_TimedOut, $"delivery reports not all in within {_transactions.OperationTimeout}"), records);
            }
            if (records.FirstFailure is { } failure)
            {
                // A fatal error (fencing among them) purges the records; their reports then only say "purged".
                if (_fatal is { } fatal) return Failed(fatal, new KafkaException(fatal), records);
                Abort(producer);
                return new AttemptResult(failure.Kind switch
                {
                    FailureKind.Permanent => Verdict.RecordFailed,
                    FailureKind.ProducerFailed => Verdict.ProducerFailed,
                    _ => Verdict.Retry,
                }, failure, records);
            }
            var (offsets, group) = batch.ConsumerOffsets(_offsetOf);
            if (offsets.Count > 0 && group is not null) producer.SendOffsetsToTransaction(offsets, group, _transactions.OperationTimeout);
            Commit(producer);
            return new AttemptResult(Verdict.Committed, null, records);
        }
        catch (KafkaException e)
        {
            return Failed(_fatal ?? e.Error, e, records);
        }
    }

    // Commit again on a retriable failure: whether the coordinator took the first commit is not known.
    private void Commit(IProducer<TKey, TValue> producer)
    {
        while (true)
        {
            try
            {
                producer.CommitTransaction(_transactions.OperationTimeout);
                return;
            }
            catch (KafkaRetriableException e) when (_attempt < _retry.MaxAttempts)
            {
                _log.Warning("Commit of a transaction of '{0}' failed on attempt {1}, committing again: {2}", TransactionalId, _attempt, e.Error);
                Thread.Sleep(_retry.BackoffAfter(_attempt++, Random.Shared.NextDouble()));
            }
        }
    }

    private AttemptResult Failed(Error cause, KafkaException e, RecordsInTransaction<TKey, TValue, TContext>? records)
    {
        var code = cause.Code;
        var fencing = code is ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch or ErrorCode.Local_Fenced or ErrorCode.TransactionCoordinatorFenced;
        var authorization = code is ErrorCode.TransactionalIdAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed;
        var kind = cause.IsFatal || fencing ? FailureKind.ProducerFailed : authorization ? FailureKind.Permanent : FailureKind.Retriable;
        var error = new DeliveryError(code, cause.Reason, kind, cause.IsLocalError, PersistenceStatus.NotPersisted, e);
        if (fencing)
        {
            _fenced = error;
            DisposeProducer();
            return new AttemptResult(Verdict.Fenced, error, records);
        }
        if (cause.IsFatal || authorization)
        {
            DisposeProducer(); // the next transaction starts on a new producer, which aborts what this one left open
            return new AttemptResult(authorization ? Verdict.NotAuthorized : Verdict.ProducerFailed, error, records);
        }
        if (_producer is { } producer && e is KafkaTxnRequiresAbortException or KafkaRetriableException) Abort(producer);
        else DisposeProducer(); // init failed, or a state we cannot name: start over on a new producer
        return new AttemptResult(Verdict.Retry, error, records);
    }

    private void Abort(IProducer<TKey, TValue> producer)
    {
        try
        {
            producer.AbortTransaction(_transactions.OperationTimeout);
        }
        catch (KafkaException e)
        {
            // A new producer's InitTransactions aborts whatever this one left open.
            _log.Warning("Abort of a transaction of '{0}' failed ({1}); the next attempt starts on a new producer", TransactionalId, e.Error);
            DisposeProducer();
        }
    }

    private IProducer<TKey, TValue> Producer()
    {
        if (_producer is not null) return _producer;
        _fatal = null;
        var producer = _settings.BuildProducer(
            (_, error) =>
            {
                if (error.IsFatal) _fatal = error;
                _log.Warning("Kafka client error {0} on transactional producer '{1}'{2}: {3}", error.Code, TransactionalId, error.IsFatal ? " (fatal)" : "", error.Reason);
            },
            message => ClientLog.Forward(_log, message));
        try
        {
            producer.InitTransactions(_transactions.OperationTimeout); // fences any older producer with this transactional.id
        }
        catch
        {
            producer.Dispose();
            throw;
        }
        return _producer = producer;
    }

    private void DisposeProducer()
    {
        _producer?.Dispose();
        _producer = null;
    }

    private static DeliveryError LocalError(ErrorCode code, string reason) =>
        new(code, reason, FailureKind.Retriable, true, PersistenceStatus.PossiblyPersisted);

    private static List<TransactionOutcome<TKey, TValue, TContext>> Aborted(TransactionBatch<TKey, TValue, TContext> batch, TransactionInfo info,
        TransactionAbortReason reason, DeliveryError error, RecordsInTransaction<TKey, TValue, TContext>? records) =>
        batch.Envelopes.Select(e => (TransactionOutcome<TKey, TValue, TContext>)new TransactionOutcome<TKey, TValue, TContext>.Aborted(
            e, info, reason, OwnError(records?.ErrorOf(e)) ?? error, batch.Envelopes)).ToList();

    // A record purged because its transaction was aborted has no error of its own: the transaction's tells why.
    private static DeliveryError? OwnError(DeliveryError? error) =>
        error is { Code: ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight } ? null : error;

    private enum Verdict { Committed, Retry, RecordFailed, ProducerFailed, Fenced, NotAuthorized }

    private readonly record struct AttemptResult(Verdict Verdict, DeliveryError? Error, RecordsInTransaction<TKey, TValue, TContext>? Records);

    private sealed record Work(TransactionBatch<TKey, TValue, TContext> Batch, long Sequence, Action<IReadOnlyList<TransactionOutcome<TKey, TValue, TContext>>> Done);
}
