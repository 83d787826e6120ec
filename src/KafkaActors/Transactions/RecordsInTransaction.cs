using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Sends every record of one transaction and waits for their delivery reports. The first record that cannot
/// even be handed to librdkafka (too large, serializer error, unknown partition) stops the sending: the
/// transaction is aborted anyway, so the rest need not go out.
/// </summary>
internal sealed class RecordsInTransaction<TKey, TValue, TContext>
{
    private readonly TransactionBatch<TKey, TValue, TContext> _batch;
    private readonly DeliveryErrorClassifier _classifier;
    private readonly Dictionary<IProducerEnvelope<TKey, TValue, TContext>, TopicPartitionOffset[]> _landed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IProducerEnvelope<TKey, TValue, TContext>, DeliveryError> _failed = new(ReferenceEqualityComparer.Instance);
    private readonly object _gate = new();

    public RecordsInTransaction(TransactionBatch<TKey, TValue, TContext> batch, DeliveryErrorClassifier classifier)
    {
        _batch = batch;
        _classifier = classifier;
    }

    /// <summary>The first failure of a record, in submission order of the envelopes; null when all landed.</summary>
    public DeliveryError? FirstFailure
    {
        get
        {
            lock (_gate) return _batch.Envelopes.Select(e => _failed.GetValueOrDefault(e)).FirstOrDefault(e => e is not null);
        }
    }

    public DeliveryError? ErrorOf(IProducerEnvelope<TKey, TValue, TContext> envelope)
    {
        lock (_gate) return _failed.GetValueOrDefault(envelope);
    }

    public IReadOnlyList<TopicPartitionOffset> OffsetsOf(IProducerEnvelope<TKey, TValue, TContext> envelope) =>
        _landed.TryGetValue(envelope, out var offsets) ? offsets : [];

    /// <summary>
    /// Sends and waits; false when the reports did not all come within <paramref name="timeout"/>. Returns at once
    /// when a record could not be handed over (see <see cref="FirstFailure"/>).
    /// </summary>
    public bool SendAndWait(IProducer<TKey, TValue> producer, TimeSpan timeout)
    {
        // Not disposed: reports of an abandoned attempt may still count it down from librdkafka's thread.
        var done = new CountdownEvent(1);
        foreach (var envelope in _batch.Envelopes)
        {
            var records = TransactionBatch<TKey, TValue, TContext>.RecordsOf(envelope);
            var landed = new TopicPartitionOffset[records.Count];
            _landed[envelope] = landed;
            for (var i = 0; i < records.Count; i++)
            {
                done.AddCount();
                if (!Send(producer, envelope, records[i], landed, i, done)) return true;
            }
        }
        done.Signal();
        // Flush sends at once instead of after linger.ms: a transaction waits for all its reports anyway.
        producer.Flush(timeout);
        return done.Wait(timeout);
    }

    private bool Send(IProducer<TKey, TValue> producer, IProducerEnvelope<TKey, TValue, TContext> envelope,
        ProducerEnvelope<TKey, TValue, TContext> record, TopicPartitionOffset[] landed, int index, CountdownEvent done)
    {
        while (true)
        {
            try
            {
                producer.Produce(record.TopicPartition, record.Message, report =>
                {
                    if (report.Error.IsError) Fail(envelope, Error(report.Error, report.Status, null));
                    else landed[index] = report.TopicPartitionOffset;
                    done.Signal();
                });
                return true;
            }
            catch (ProduceException<TKey, TValue> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                Thread.Sleep(1); // librdkafka's queue is full: this thread is ours to wait on
            }
            catch (ProduceException<TKey, TValue> e)
            {
                Fail(envelope, Error(e.Error, PersistenceStatus.NotPersisted, e));
                done.Signal();
                return false;
            }
            catch (Exception e) when (e is not KafkaException)
            {
                Fail(envelope, new DeliveryError(ErrorCode.Local_BadMsg, e.Message, FailureKind.Permanent, true, PersistenceStatus.NotPersisted, e));
                done.Signal();
                return false;
            }
        }
    }

    private DeliveryError Error(Error error, PersistenceStatus status, Exception? exception) =>
        new(error.Code, error.Reason, _classifier.Classify(error.Code, error.IsFatal), error.IsLocalError, status, exception);

    // Delivery reports arrive on librdkafka's thread; the first error of an envelope is the one it keeps.
    private void Fail(IProducerEnvelope<TKey, TValue, TContext> envelope, DeliveryError error)
    {
        lock (_gate) _failed.TryAdd(envelope, error);
    }
}
