using Akka.Actor;
using Akka.Event;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Publishes the copy of every dead letter to its dead-letter topic, then hands the dead letter (with
/// where its copy landed, or why not) back to the producer actor, which makes it terminal. A copy that
/// fails transiently is published again with the retry backoff, up to <c>max-attempts</c>, because a
/// broker blip must not cost it; one the topic refuses for good (too large for it, say) is replaced by a
/// headers-only copy, so the dead-letter topic still shows every dead letter. A child of the producer actor.
/// </summary>
internal sealed class DeadLetterPublisher<TKey, TValue, TContext> : ReceiveActor, IWithTimers
{
    private readonly ProducerActorSettings<TKey, TValue> _settings;
    private readonly IActorRef _owner;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DeadLetterProducer<TKey, TValue, TContext> _producer;
    private bool _draining;

    public DeadLetterPublisher(ProducerActorSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer, IActorRef owner)
    {
        _settings = settings;
        _owner = owner;
        _producer = new DeadLetterProducer<TKey, TValue, TContext>(settings.DeadLetter, settings.Producer, sharedProducer, _log);
        Receive<DeadLetterRequest<TKey, TValue, TContext>>(Publish);
        Receive<CopySent>(OnCopySent);
        Receive<StopProducing>(_ => _draining = true);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ProducerActorSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer, IActorRef owner) =>
        Akka.Actor.Props.Create(() => new DeadLetterPublisher<TKey, TValue, TContext>(settings, sharedProducer, owner));

    private void Publish(DeadLetterRequest<TKey, TValue, TContext> request) => Send(request, DeadLetterHeaders.Copy(request.DeadLetter), headersOnly: false);

    private void Send(DeadLetterRequest<TKey, TValue, TContext> request, Message<TKey, TValue> copy, bool headersOnly)
    {
        if (_settings.DeadLetter.TopicFor(request.DeadLetter.Envelope.Topic) is not { } topic)
        {
            _owner.Tell(new DeadLetterReady<TKey, TValue, TContext>(request.Record, request.DeadLetter));
            return;
        }
        var self = Self;
        var span = RecordTelemetry.StartDeadLetterPublish(request.Record.Span, topic);
        _producer.Send(topic, copy, (copyAt, error) => self.Tell(new CopySent(request, headersOnly, copyAt, error, span)));
    }

    private void OnCopySent(CopySent sent)
    {
        var (request, headersOnly, copyAt, error, span) = sent;
        RecordTelemetry.DeadLetterPublished(span, copyAt, error);
        if (error is { Kind: not FailureKind.Permanent } && !_draining && request.PublishAttempt < _settings.Retry.MaxAttempts)
        {
            var again = request with { PublishAttempt = request.PublishAttempt + 1 };
            Timers.StartSingleTimer(again, again, _settings.Retry.BackoffAfter(request.PublishAttempt, Random.Shared.NextDouble()));
            return;
        }
        if (error is { Kind: FailureKind.Permanent } && !headersOnly)
        {
            _log.Warning("The copy of {0} cannot be published ({1}); publishing its headers without the value", request.DeadLetter, error);
            Send(request, DeadLetterHeaders.HeadersOnlyCopy(request.DeadLetter, error), headersOnly: true);
            return;
        }
        var deadLetter = request.DeadLetter.WithPublishResult(copyAt, error);
        if (error is not null)
        {
            KafkaActorsMetrics.DeadLetterPublishFailedCounter.Add(1, new KeyValuePair<string, object?>(KafkaActorsMetrics.TopicTag, deadLetter.Envelope.Topic));
            _log.Error("Dead letter {0} could not be published to {1}: {2}. The dead-letter actor has it; nothing else does.",
                deadLetter, _settings.DeadLetter.TopicFor(deadLetter.Envelope.Topic), error);
        }
        _owner.Tell(new DeadLetterReady<TKey, TValue, TContext>(request.Record, deadLetter));
    }

    protected override void PostStop() => _producer.Dispose();

    // A copy's publish can answer after the actor stopped: expected, so not logged as a dead letter.
    private sealed record CopySent(DeadLetterRequest<TKey, TValue, TContext> Request, bool HeadersOnly, TopicPartitionOffset? CopyAt, DeliveryError? Error,
        System.Diagnostics.Activity? Span)
        : IDeadLetterSuppression;
}
