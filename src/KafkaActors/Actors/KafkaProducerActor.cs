using System.Diagnostics;
using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Confluent.Kafka;
using KafkaActors.Internal;

namespace KafkaActors;

/// <summary>
/// The producer actor: how other actors use the pipeline. Send it
/// <see cref="Produce{TKey,TValue,TContext}"/> from anywhere; the sender gets exactly one reply —
/// the record's terminal outcome (Delivered or <see cref="DeadLettered{TKey,TValue,TContext}"/>), or
/// <see cref="ProduceRejected{TKey,TValue,TContext}"/> at once when intake is full — so <c>Ask</c>
/// works and the envelope's context comes back. The success and dead-letter actors, and the listener,
/// see every terminal outcome too.
/// </summary>
public static class KafkaProducerActor
{
    public static Props Props<TKey, TValue, TContext>(ProducerActorSettings<TKey, TValue> settings,
        IActorRef? successActor = null, IActorRef? deadLetterActor = null, IProducerListener<TKey, TValue, TContext>? listener = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Producer.Producer is null && string.IsNullOrWhiteSpace(settings.Producer.BootstrapServers))
            throw new KafkaActorsConfigurationException($"{ProducerPipelineSettings<TKey, TValue>.ConfigPath}.kafka-clients.bootstrap.servers",
                "not set; say where the Kafka brokers are (host:port[,host:port...])");
        return Akka.Actor.Props.Create(() => new KafkaProducerActor<TKey, TValue, TContext>(settings, successActor, deadLetterActor, listener));
    }
}

/// <summary>
/// Accepts records into the stream, and is the one place where a record becomes terminal: removing
/// it from <see cref="OutstandingRecords{TKey,TValue,TContext}"/> succeeds once, so every accepted
/// record gets exactly one terminal outcome — including at shutdown, when what is left is
/// dead-lettered with reason Shutdown.
/// </summary>
internal sealed class KafkaProducerActor<TKey, TValue, TContext> : ReceiveActor, IWithTimers
{
    private const string CloseTimer = "close-timeout";

    private readonly ProducerActorSettings<TKey, TValue> _settings;
    private readonly IActorRef? _successActor;
    private readonly IActorRef? _deadLetterActor;
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly OutstandingRecords<TKey, TValue, TContext> _outstanding = new();
    private readonly PendingRetries<TKey, TValue, TContext> _pending = new();
    private readonly SendGateHandle<TKey, TValue, TContext> _gate = new();
    private readonly TopicStatsTable _topics = new();
    private readonly DeadLetterPublisher<TKey, TValue, TContext> _publisher;
    private readonly List<IActorRef> _stopRequesters = new();
    private readonly TaskCompletionSource<Done> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChannelWriter<Submission<TKey, TValue, TContext>> _intake = null!;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private bool _stopping;

    public KafkaProducerActor(ProducerActorSettings<TKey, TValue> settings, IActorRef? successActor, IActorRef? deadLetterActor,
        IProducerListener<TKey, TValue, TContext>? listener)
    {
        _settings = settings;
        _successActor = successActor;
        _deadLetterActor = deadLetterActor;
        _listener = listener;
        _publisher = new DeadLetterPublisher<TKey, TValue, TContext>(settings.DeadLetter, settings.Producer, _log);

        Receive<Produce<TKey, TValue, TContext>>(OnProduce);
        Receive<DeliveryOutcome<TKey, TValue, TContext>.Delivered>(OnDelivered);
        Receive<DeadLetterRequest<TKey, TValue, TContext>>(OnDeadLetterRequest);
        Receive<DeadLetterPublished>(OnDeadLetterPublished);
        Receive<StopProducing>(_ => BeginStop(Sender));
        Receive<CloseTimeoutPassed>(_ => OnCloseTimeout());
        Receive<PipelineEnded>(OnPipelineEnded);
        Receive<Terminated>(t => t.ActorRef.Equals(_supervisor), _ =>
        {
            _log.Error("The retry supervisor stopped for good; stopping the producer, outstanding records are dead-lettered");
            Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    // The retry supervisor's state lives here, so restarting it on any failure loses nothing.
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(e => e is ActorInitializationException ? Directive.Stop : Directive.Restart);

    protected override void PreStart()
    {
        KafkaActorsMetrics.Register(_topics);
        _supervisor = Context.ActorOf(RetrySupervisor<TKey, TValue, TContext>.Props(_settings.Retry, _pending, _gate, Self, _listener), "retry-supervisor");
        Context.Watch(_supervisor);
        var (intake, completion) = ProducerPipeline.Run(_settings, _gate, Self, _supervisor, Context.Materializer(namePrefix: "kafka-producer"));
        _intake = intake;
        completion.PipeTo(Self, success: _ => new PipelineEnded(null), failure: e => new PipelineEnded(e));
        RegisterWithCoordinatedShutdown();
    }

    private void RegisterWithCoordinatedShutdown()
    {
        var self = Self;
        var stopped = _stopped.Task;
        try
        {
            CoordinatedShutdown.Get(Context.System).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "kafka-actors-stop-producing", () =>
            {
                if (!stopped.IsCompleted) self.Tell(StopProducing.Instance);
                return stopped;
            });
        }
        catch (Exception e)
        {
            // Shutdown already under way: the actor will be stopped, and PostStop accounts for every record.
            _log.Warning("Could not register with CoordinatedShutdown: {0}", e.Message);
        }
    }

    private void OnProduce(Produce<TKey, TValue, TContext> produce)
    {
        var replyTo = Sender.IsNobody() || Sender.Equals(Context.System.DeadLetters) ? null : Sender;
        if (_stopping)
        {
            Reject(produce.Envelope, replyTo, "the producer is shutting down");
            return;
        }
        var stats = _topics.For(produce.Envelope.Topic);
        var record = new Submission<TKey, TValue, TContext>(produce.Envelope, replyTo, stats);
        if (!_intake.TryWrite(record))
        {
            Reject(produce.Envelope, replyTo, $"intake is full ({_settings.IntakeBufferSize} records waiting to be sent)");
            return;
        }
        _outstanding.Add(record);
        KafkaActorsMetrics.AcceptedCounter.Add(1, stats.Tag);
    }

    private void Reject(ProducerEnvelope<TKey, TValue, TContext> envelope, IActorRef? replyTo, string reason)
    {
        KafkaActorsMetrics.RejectedCounter.Add(1, new KeyValuePair<string, object?>(KafkaActorsMetrics.TopicTag, envelope.Topic));
        if (replyTo is null) _log.Warning("Rejected {0} ({1}) and there is no sender to tell", envelope, reason);
        else replyTo.Tell(new ProduceRejected<TKey, TValue, TContext>(envelope, reason), Self);
    }

    private void OnDelivered(DeliveryOutcome<TKey, TValue, TContext>.Delivered delivered)
    {
        if (delivered.Origin is not Submission<TKey, TValue, TContext> record || !_outstanding.TryRemove(record)) return;
        KafkaActorsMetrics.DeliveredCounter.Add(1, record.Stats.Tag);
        KafkaActorsMetrics.DeliveryLatencyHistogram.Record(Stopwatch.GetElapsedTime(record.AcceptedAt).TotalMilliseconds, record.Stats.Tag);
        record.ReplyTo?.Tell(delivered, Self);
        _successActor?.Tell(delivered, Self);
        if (_listener is { } listener) Listeners.Call(_log, listener, delivered, static (l, d) => l.OnSuccess(d));
        StopIfDrained();
    }

    private void OnDeadLetterRequest(DeadLetterRequest<TKey, TValue, TContext> request)
    {
        if (!request.Record.Outstanding) return; // already dead-lettered at shutdown
        var self = Self;
        _publisher.Publish(request.Failed, request.Record.FirstFailureAt, request.Record.LastFailureAt,
            (copyAt, publishError) => self.Tell(new DeadLetterPublished(request, copyAt, publishError)));
    }

    private void OnDeadLetterPublished(DeadLetterPublished published)
    {
        var (request, copyAt, publishError) = published;
        var record = request.Record;
        if (!record.Outstanding) return; // already dead-lettered at shutdown
        var deadLettered = new DeadLettered<TKey, TValue, TContext>(request.Failed, request.Reason,
            record.FirstFailureAt, record.LastFailureAt, copyAt, publishError);
        if (publishError is { Kind: not FailureKind.Permanent } && !_stopping && request.PublishAttempt < _settings.Retry.MaxAttempts)
        {
            // A dead-letter copy deserves the same patience as the record: a broker blip must not cost it.
            var again = request with { PublishAttempt = request.PublishAttempt + 1 };
            Timers.StartSingleTimer(again, again, _settings.Retry.BackoffAfter(request.PublishAttempt, Random.Shared.NextDouble()));
            return;
        }
        if (publishError is not null)
        {
            KafkaActorsMetrics.DeadLetterPublishFailedCounter.Add(1, record.Stats.Tag);
            _log.Error("Dead letter {0} could not be published to {1}: {2}. The dead-letter actor has it; nothing else does.",
                deadLettered, _settings.DeadLetter.TopicFor(record.Envelope.Topic), publishError);
        }
        Finish(record, deadLettered);
        StopIfDrained();
    }

    /// <summary>Makes the dead letter terminal, unless the record already had its outcome.</summary>
    private void Finish(Submission<TKey, TValue, TContext> record, DeadLettered<TKey, TValue, TContext> deadLettered)
    {
        if (_outstanding.TryRemove(record)) Notify(record, deadLettered);
    }

    // Counts before anyone is told, so whoever hears of it sees the metric already moved.
    private void Notify(Submission<TKey, TValue, TContext> record, DeadLettered<TKey, TValue, TContext> deadLettered)
    {
        KafkaActorsMetrics.RecordDeadLettered(record.Stats, deadLettered.Reason);
        record.ReplyTo?.Tell(deadLettered, Self);
        _deadLetterActor?.Tell(deadLettered, Self);
        if (_listener is { } listener) Listeners.Call(_log, listener, deadLettered, static (l, d) => l.OnDeadLettered(d));
    }

    private void BeginStop(IActorRef requester)
    {
        if (!requester.IsNobody() && !requester.Equals(Context.System.DeadLetters)) _stopRequesters.Add(requester);
        if (_stopping) return;
        _stopping = true;
        _intake.TryComplete();
        _log.Info("Stopping: no new records; {0} outstanding get up to {1} to finish", _outstanding.Count, _settings.CloseTimeout);
        Timers.StartSingleTimer(CloseTimer, CloseTimeoutPassed.Instance, _settings.CloseTimeout);
        StopIfDrained();
    }

    private void StopIfDrained()
    {
        if (_stopping && _outstanding.Count == 0) Context.Stop(Self);
    }

    private void OnCloseTimeout()
    {
        _log.Warning("close-timeout ({0}) passed with {1} records outstanding; they are dead-lettered with reason Shutdown",
            _settings.CloseTimeout, _outstanding.Count);
        Context.Stop(Self);
    }

    private void OnPipelineEnded(PipelineEnded ended)
    {
        if (ended.Error is null && _stopping) return;
        _log.Error(ended.Error, "The producer stream ended unexpectedly; stopping, outstanding records are dead-lettered");
        Context.Stop(Self);
    }

    // Children (the stream, the retry supervisor) have stopped by now: nothing else touches the records.
    protected override void PostStop()
    {
        _intake?.TryComplete();
        var leftovers = _outstanding.RemoveAll();
        if (leftovers.Count > 0)
            _log.Warning("Stopped with {0} records without an outcome; dead-lettering them with reason Shutdown", leftovers.Count);
        foreach (var record in leftovers) Notify(record, ShutdownDeadLetter(record));
        _pending.Clear();
        KafkaActorsMetrics.Unregister(_topics);
        _publisher.Dispose();
        foreach (var requester in _stopRequesters) requester.Tell(Done.Instance);
        _stopped.TrySetResult(Done.Instance);
    }

    private static DeadLettered<TKey, TValue, TContext> ShutdownDeadLetter(Submission<TKey, TValue, TContext> record)
    {
        var now = DateTimeOffset.UtcNow;
        var lastError = record.LastFailure is { } last ? $" (last error: {last.Error})" : "";
        var error = new DeliveryError(ErrorCode.Local_Destroy, $"the producer stopped before the record's outcome was known{lastError}",
            FailureKind.Retriable, IsLocal: true, PersistenceStatus.PossiblyPersisted);
        var failed = new DeliveryOutcome<TKey, TValue, TContext>.Failed(record.Envelope, record.Attempt, error);
        return new DeadLettered<TKey, TValue, TContext>(failed, DeadLetterReason.Shutdown,
            record.LastFailure is null ? now : record.FirstFailureAt, now);
    }

    // Both can arrive after the actor stopped (the stream completes, a copy's publish answers, once it is gone):
    // expected, so not logged as dead letters.
    private sealed record DeadLetterPublished(DeadLetterRequest<TKey, TValue, TContext> Request, TopicPartitionOffset? CopyAt, DeliveryError? PublishError)
        : IDeadLetterSuppression;

    private sealed record PipelineEnded(Exception? Error) : IDeadLetterSuppression;

    private sealed class CloseTimeoutPassed
    {
        public static readonly CloseTimeoutPassed Instance = new();
    }
}
