using System.Diagnostics;
using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Confluent.Kafka;

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
    /// <param name="settings">Where to produce, how to retry, where dead letters go.</param>
    /// <param name="successActor">Hears of every record delivered (<see cref="Produced{TKey,TValue,TContext}"/>).</param>
    /// <param name="deadLetterActor">Hears of every record dead-lettered (<see cref="DeadLettered{TKey,TValue,TContext}"/>).</param>
    /// <param name="listener">Callbacks for code that is not an actor.</param>
    /// <param name="producer">
    /// A producer the caller owns and may share: records and dead-letter copies go through it, and it is not
    /// disposed. Null: the actor builds its own from <paramref name="settings"/>.
    /// </param>
    public static Props Props<TKey, TValue, TContext>(ProducerActorSettings<TKey, TValue> settings,
        IActorRef? successActor = null, IActorRef? deadLetterActor = null, IProducerListener<TKey, TValue, TContext>? listener = null,
        IProducer<TKey, TValue>? producer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (producer is null && string.IsNullOrWhiteSpace(settings.Producer.BootstrapServers))
            throw new KafkaActorsConfigurationException($"{ProducerPipelineSettings<TKey, TValue>.ConfigPath}.kafka-clients.bootstrap.servers",
                "not set; say where the Kafka brokers are (host:port[,host:port...])");
        return Akka.Actor.Props.Create(() => new KafkaProducerActor<TKey, TValue, TContext>(settings, producer, successActor, deadLetterActor, listener));
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
    private readonly IProducer<TKey, TValue>? _sharedProducer;
    private readonly IActorRef? _successActor;
    private readonly IActorRef? _deadLetterActor;
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly OutstandingRecords<TKey, TValue, TContext> _outstanding = new();
    private readonly PendingRetries<TKey, TValue, TContext> _pending = new();
    private readonly SendGateHandle<TKey, TValue, TContext> _gate = new();
    private readonly TopicStatsTable _topics = new();
    private readonly List<IActorRef> _stopRequesters = new();
    private readonly TaskCompletionSource<Done> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChannelWriter<Submission<TKey, TValue, TContext>> _intake = null!;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private IActorRef _deadLetters = ActorRefs.Nobody;
    private bool _stopping;

    public KafkaProducerActor(ProducerActorSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer,
        IActorRef? successActor, IActorRef? deadLetterActor, IProducerListener<TKey, TValue, TContext>? listener)
    {
        _settings = settings;
        _sharedProducer = sharedProducer;
        _successActor = successActor;
        _deadLetterActor = deadLetterActor;
        _listener = listener;

        Receive<Produce<TKey, TValue, TContext>>(OnProduce);
        Receive<Submission<TKey, TValue, TContext>>(OnDelivered);
        Receive<DeadLetterReady<TKey, TValue, TContext>>(OnDeadLetterReady);
        Receive<StopProducing>(_ => BeginStop(Sender));
        Receive<CloseTimeoutPassed>(_ => OnCloseTimeout());
        Receive<PipelineEnded>(OnPipelineEnded);
        Receive<Terminated>(t => t.ActorRef.Equals(_supervisor) || t.ActorRef.Equals(_deadLetters), t =>
        {
            _log.Error("The {0} stopped for good; stopping the producer, outstanding records are dead-lettered", t.ActorRef.Path.Name);
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
        _deadLetters = Context.ActorOf(DeadLetterPublisher<TKey, TValue, TContext>.Props(_settings, _sharedProducer, Self), "dead-letter-publisher");
        Context.Watch(_deadLetters);
        _supervisor = Context.ActorOf(RetrySupervisor<TKey, TValue, TContext>.Props(_settings.Retry, _pending, _gate, _deadLetters, _listener), "retry-supervisor");
        Context.Watch(_supervisor);
        var (intake, completion) = ProducerPipeline.Run(_settings, _sharedProducer, _gate, Self, _supervisor, Context.Materializer(namePrefix: "kafka-producer"));
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

    private void OnDelivered(Submission<TKey, TValue, TContext> record)
    {
        if (record.Outcome is not DeliveryOutcome<TKey, TValue, TContext>.Delivered delivery || !_outstanding.TryRemove(record)) return;
        KafkaActorsMetrics.DeliveredCounter.Add(1, record.Stats.Tag);
        KafkaActorsMetrics.DeliveryLatencyHistogram.Record(Stopwatch.GetElapsedTime(record.AcceptedAt).TotalMilliseconds, record.Stats.Tag);
        var produced = new Produced<TKey, TValue, TContext>(delivery);
        record.ReplyTo?.Tell(produced, Self);
        _successActor?.Tell(produced, Self);
        if (_listener is { } listener) Listeners.Call(_log, listener, produced, static (l, p) => l.OnSuccess(p));
        StopIfDrained();
    }

    private void OnDeadLetterReady(DeadLetterReady<TKey, TValue, TContext> ready)
    {
        // Removal fails when the record was already dead-lettered at shutdown.
        if (_outstanding.TryRemove(ready.Record)) Notify(ready.Record, ready.DeadLetter);
        StopIfDrained();
    }

    // Counts before anyone is told, so whoever hears of it sees the metric already moved.
    private void Notify(Submission<TKey, TValue, TContext> record, DeadLettered<TKey, TValue, TContext> deadLettered)
    {
        KafkaActorsMetrics.RecordDeadLettered(record.Stats, deadLettered.Cause);
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
        _deadLetters.Tell(StopProducing.Instance); // no more patience for dead-letter copies that fail
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
        foreach (var record in leftovers) Notify(record, DeadLetterRequest.For(record, DeadLetterCause.Shutdown));
        _pending.Clear();
        KafkaActorsMetrics.Unregister(_topics);
        foreach (var requester in _stopRequesters) requester.Tell(Done.Instance);
        _stopped.TrySetResult(Done.Instance);
    }

    private sealed record PipelineEnded(Exception? Error);

    private sealed class CloseTimeoutPassed
    {
        public static readonly CloseTimeoutPassed Instance = new();
    }
}
