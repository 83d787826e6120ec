using Akka.Event;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Sends copies of undeliverable records to their dead-letter topic and reports each result, success or
/// failure, through a callback. Uses its own producer (built on first use from the pipeline's producer
/// settings plus <c>dead-letter.kafka-clients</c>, so the same serializers write the same bytes), or the
/// user's shared producer. Owned by the <see cref="DeadLetterPublisher{TKey,TValue,TContext}"/> actor.
/// </summary>
internal sealed class DeadLetterProducer<TKey, TValue, TContext> : IDisposable
{
    private readonly DeadLetterSettings _settings;
    private readonly ProducerPipelineSettings<TKey, TValue> _producerSettings;
    private readonly IProducer<TKey, TValue>? _sharedProducer;
    private readonly ILoggingAdapter _log;
    private IProducer<TKey, TValue>? _producer;
    private volatile bool _producerFailedFatally;

    public DeadLetterProducer(DeadLetterSettings settings, ProducerPipelineSettings<TKey, TValue> producerSettings,
        IProducer<TKey, TValue>? sharedProducer, ILoggingAdapter log)
    {
        _settings = settings;
        _producerSettings = producerSettings;
        _sharedProducer = sharedProducer;
        _log = log;
    }

    /// <summary>
    /// Sends <paramref name="copy"/> to <paramref name="topic"/>; <paramref name="onResult"/> gets where it
    /// landed or why not — at once when the send fails synchronously, else from librdkafka's thread.
    /// </summary>
    public void Send(string topic, Message<TKey, TValue> copy, Action<TopicPartitionOffset?, DeliveryError?> onResult)
    {
        try
        {
            Producer().Produce(topic, copy, report => onResult(
                report.Error.IsError ? null : report.TopicPartitionOffset,
                report.Error.IsError ? Error(report.Error, null, report.Status) : null));
        }
        catch (KafkaException e)
        {
            onResult(null, Error(e.Error, e, PersistenceStatus.NotPersisted));
        }
        catch (Exception e)
        {
            onResult(null, Error(new Confluent.Kafka.Error(ErrorCode.Local_Fail, $"{e.GetType().Name}: {e.Message}"), e, PersistenceStatus.NotPersisted));
        }
    }

    private IProducer<TKey, TValue> Producer()
    {
        if (_sharedProducer is { } shared) return shared;
        if (_producer is not null && !_producerFailedFatally) return _producer;
        if (_producer is not null)
        {
            _log.Warning("The dead-letter producer failed fatally; building a new one");
            var dead = _producer;
            DeadClient.DisposeAside(dead); // nothing to flush: it is dead
        }
        _producerFailedFatally = false;
        return _producer = _producerSettings.WithProperties(_settings.ClientOverrides).BuildProducer(OnClientError, message => ClientLog.Forward(_log, message));
    }

    private void OnClientError(IProducer<TKey, TValue> producer, Confluent.Kafka.Error error)
    {
        if (error.IsFatal) _producerFailedFatally = true;
        _log.Warning("Dead-letter producer: Kafka client error {0}: {1}", error.Code, error.Reason);
    }

    private DeliveryError Error(Confluent.Kafka.Error error, Exception? exception, PersistenceStatus status) =>
        new(error.Code, exception?.InnerException is { } inner ? $"{error.Reason}: {inner.Message}" : error.Reason,
            _producerSettings.Classifier.Classify(error.Code, error.IsFatal), error.IsLocalError, status, exception);

    /// <summary>
    /// Gives copies still queued up to the flush timeout to land (at once when none are), then releases
    /// the producer's threads before returning, like the producer stage does when it stops.
    /// </summary>
    public void Dispose()
    {
        if (_producer is { } producer) FlushAndDispose(producer, _producerSettings.FlushTimeout);
        _producer = null;
    }

    private static void FlushAndDispose(IProducer<TKey, TValue> producer, TimeSpan flushTimeout)
    {
        try
        {
            if (flushTimeout > TimeSpan.Zero) producer.Flush(flushTimeout);
        }
        finally
        {
            producer.Dispose();
        }
    }
}
