using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Confluent.Kafka;

namespace KafkaActors;

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
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;
    private readonly OutcomeFanOut<TKey, TValue, TContext> _fanOut;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly OutstandingRecords<TKey, TValue, TContext> _outstanding = new();
    private readonly PendingRetries<TKey, TValue, TContext> _pending = new();
    private readonly SendGateHandle<TKey, TValue, TContext> _gate = new();
    private readonly TopicStatsTable _topics = new();
    private readonly ClientHealth _health = new();
    private readonly List<IActorRef> _stopRequesters = new();
    private readonly TaskCompletionSource<Done> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HandOffQueue<Submission<TKey, TValue, TContext>> _delivered;
    private readonly Action<Submission<TKey, TValue, TContext>> _onDelivered;
    private readonly string _intakeFullReason;
    private Intake<Submission<TKey, TValue, TContext>> _intake = null!;
    private long _sequence;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private IActorRef _deadLetters = ActorRefs.Nobody;
    private bool _stopping;
    private bool _pipelineEnded;

    public KafkaProducerActor(ProducerActorSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer,
        IActorRef? successActor, IActorRef? deadLetterActor, IProducerListener<TKey, TValue, TContext>? listener)
    {
        _settings = settings;
        _sharedProducer = sharedProducer;
        _listener = listener;
        _fanOut = new OutcomeFanOut<TKey, TValue, TContext>(Self, successActor, deadLetterActor, listener, _log);
        var self = Self;
        _delivered = new HandOffQueue<Submission<TKey, TValue, TContext>>(() => self.Tell(DeliveriesReady.Instance, ActorRefs.NoSender));
        _onDelivered = OnDelivered;
        _intakeFullReason = $"intake is full ({settings.IntakeBufferSize} records waiting to be sent)";

        Receive<Produce<TKey, TValue, TContext>>(OnProduce);
        Receive<DeliveriesReady>(_ => OnDeliveriesReady());
        Receive<DeadLetterReady<TKey, TValue, TContext>>(OnDeadLetterReady);
        Receive<StopProducing>(_ => BeginStop(Sender));
        Receive<GetProducerHealth>(_ => Sender.Tell(Health()));
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
        var (intake, completion) = ProducerPipeline.Run(_settings, _sharedProducer, _gate, _delivered, _supervisor, _health, Context.Materializer(namePrefix: "kafka-producer"));
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
        // IsNobody covers dead letters too (by type): no actor-path comparison per record.
        var replyTo = Sender.IsNobody() ? null : Sender;
        if (_stopping)
        {
            Reject(produce.Envelope, replyTo, "the producer is shutting down");
            return;
        }
        switch (produce.Envelope)
        {
            case ProducerEnvelope<TKey, TValue, TContext> single:
                var stats = _topics.For(single.Topic);
                // Refused before anything is built for it: a producer that falls behind refuses most of what it is offered,
                // and every refusal costs it time it needs to catch up.
                if (_intake.Room <= 0)
                {
                    RejectFull(single, RecordTelemetry.Start(single, stats), replyTo);
                    break;
                }
                var record = new Submission<TKey, TValue, TContext>(single, replyTo, stats, _sequence++);
                // Traced before the stream can see it: the trace context goes into the headers the sender reads.
                record.Span = RecordTelemetry.Start(record.Envelope, record.Stats);
                if (!_intake.TryAdd(record))
                {
                    RejectFull(single, record.Span, replyTo);
                    break;
                }
                Accepted(Admit(record));
                break;
            case MultiEnvelope<TKey, TValue, TContext> { Records.Count: 0 } empty:
                AnswerInOrder(replyTo, new MultiProduceOutcome<TKey, TValue, TContext>(empty, []));
                break;
            case MultiEnvelope<TKey, TValue, TContext> multi:
                AdmitAll(multi, replyTo);
                break;
            case PassThroughEnvelope<TKey, TValue, TContext> passThrough:
                AnswerInOrder(replyTo, new PassedThrough<TKey, TValue, TContext>(passThrough));
                break;
            // No other kind exists: IProducerEnvelope has an internal member, so nothing outside this assembly implements it.
        }
    }

    // All or nothing: a multi-record envelope is accepted only when intake has room for every record.
    private void AdmitAll(MultiEnvelope<TKey, TValue, TContext> multi, IActorRef? replyTo)
    {
        var room = _intake.Room;
        if (multi.Records.Count > room)
        {
            Reject(multi, replyTo, $"intake has room for {room} record(s), not {multi.Records.Count} (intake-buffer-size {_settings.IntakeBufferSize})");
            return;
        }
        var group = new MultiSubmission<TKey, TValue, TContext>(multi, replyTo);
        for (var part = 0; part < multi.Records.Count; part++)
        {
            var record = multi.Records[part];
            var submission = Admit(new Submission<TKey, TValue, TContext>(record, null, _topics.For(record.Topic), _sequence++, group, part));
            submission.Span = RecordTelemetry.Start(record, submission.Stats);
            _intake.TryAdd(submission); // room was checked, and this actor is the only writer
            Accepted(submission);
        }
    }

    private void RejectFull(ProducerEnvelope<TKey, TValue, TContext> envelope, Activity? span, IActorRef? replyTo)
    {
        RecordTelemetry.Rejected(span, _intakeFullReason);
        Reject(envelope, replyTo, _intakeFullReason);
    }

    private Submission<TKey, TValue, TContext> Admit(Submission<TKey, TValue, TContext> record)
    {
        _outstanding.Add(record);
        return record;
    }

    private static void Accepted(Submission<TKey, TValue, TContext> record) => KafkaActorsMetrics.AcceptedCounter.Add(1, record.Stats.Tag);

    private void AnswerInOrder(IActorRef? replyTo, IProduceReply<TKey, TValue, TContext> reply) =>
        _fanOut.InOrder(_sequence++, replyTo, reply, _outstanding.First?.Sequence);

    private void Reject(IProducerEnvelope<TKey, TValue, TContext> envelope, IActorRef? replyTo, string reason)
    {
        KafkaActorsMetrics.RejectedCounter.Add(1, new KeyValuePair<string, object?>(KafkaActorsMetrics.TopicTag, TopicOf(envelope)));
        if (replyTo is null) _log.Warning("Rejected {0} ({1}) and there is no sender to tell", envelope, reason);
        else replyTo.Tell(new ProduceRejected<TKey, TValue, TContext>(envelope, reason), Self);
    }

    private static string TopicOf(IProducerEnvelope<TKey, TValue, TContext> envelope) => envelope switch
    {
        ProducerEnvelope<TKey, TValue, TContext> single => single.Topic,
        MultiEnvelope<TKey, TValue, TContext> { Records.Count: > 0 } multi => multi.Records[0].Topic,
        _ => "",
    };

    private void OnDeliveriesReady()
    {
        _delivered.TakeAll(_onDelivered);
        StopIfDrained();
    }

    private void OnDelivered(Submission<TKey, TValue, TContext> record)
    {
        if (record.Outcome is not DeliveryOutcome<TKey, TValue, TContext>.Delivered delivery || !_outstanding.TryRemove(record)) return;
        _fanOut.Produced(record, new Produced<TKey, TValue, TContext>(delivery), _outstanding.First?.Sequence);
    }

    private void OnDeadLetterReady(DeadLetterReady<TKey, TValue, TContext> ready)
    {
        // Removal fails when the record was already dead-lettered at shutdown.
        if (_outstanding.TryRemove(ready.Record)) _fanOut.DeadLettered(ready.Record, ready.DeadLetter, _outstanding.First?.Sequence);
        StopIfDrained();
    }

    private ProducerHealth Health() => new(_stopping, _outstanding.Count, _topics.All.Sum(t => Volatile.Read(ref t.InFlight)),
        _topics.All.Sum(t => Volatile.Read(ref t.PendingRetries)), _health.BrokersDownSince, _health.FatalError);

    private void BeginStop(IActorRef requester)
    {
        if (!requester.IsNobody()) _stopRequesters.Add(requester);
        if (_stopping) return;
        _stopping = true;
        _intake.Complete();
        _deadLetters.Tell(StopProducing.Instance); // no more patience for dead-letter copies that fail
        _log.Info("Stopping: no new records; {0} outstanding get up to {1} to finish", _outstanding.Count, _settings.CloseTimeout);
        Timers.StartSingleTimer(CloseTimer, CloseTimeoutPassed.Instance, _settings.CloseTimeout);
        StopIfDrained();
    }

    // A clean stop also waits for the stream to finish (its intake is complete, so it does once the last record is
    // out): stopping first tore the stream down under it and left its completion racing the actor's end.
    private void StopIfDrained()
    {
        if (_stopping && _outstanding.Count == 0 && _pipelineEnded) Context.Stop(Self);
    }

    private void OnCloseTimeout()
    {
        _log.Warning("close-timeout ({0}) passed with {1} records outstanding; they are dead-lettered with reason Shutdown",
            _settings.CloseTimeout, _outstanding.Count);
        Context.Stop(Self);
    }

    private void OnPipelineEnded(PipelineEnded ended)
    {
        if (ended.Error is null && _stopping)
        {
            _pipelineEnded = true;
            StopIfDrained();
            return;
        }
        _log.Error(ended.Error, "The producer stream ended unexpectedly; stopping, outstanding records are dead-lettered");
        Context.Stop(Self);
    }

    // Children (the stream, the retry supervisor) have stopped by now: nothing else touches the records.
    protected override void PostStop()
    {
        _intake?.Complete();
        _delivered.TakeAll(_onDelivered); // delivered before the stream stopped, not yet taken: still delivered
        var leftovers = _outstanding.RemoveAll();
        if (leftovers.Count > 0)
            _log.Warning("Stopped with {0} records without an outcome; dead-lettering them with reason Shutdown", leftovers.Count);
        foreach (var record in leftovers) _fanOut.DeadLettered(record, DeadLetterRequest.For(record, DeadLetterCause.Shutdown), oldestOutstanding: null);
        _fanOut.ReleaseAll();
        _pending.Clear();
        KafkaActorsMetrics.Unregister(_topics);
        foreach (var requester in _stopRequesters) requester.Tell(Done.Instance);
        _stopped.TrySetResult(Done.Instance);
    }

    // Can arrive after the actor stopped (the stream completes once it is gone): expected, so not logged as a dead letter.
    private sealed record PipelineEnded(Exception? Error) : IDeadLetterSuppression;

    private sealed class CloseTimeoutPassed
    {
        public static readonly CloseTimeoutPassed Instance = new();
    }
}
