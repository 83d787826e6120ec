using System.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace KafkaActors;

/// <summary>
/// Owns the decision for every failed send. Retriable or Fatal with attempts left: wait the backoff,
/// then re-send through the send gate (ahead of new intake, keeping the key's lane). Permanent, or out
/// of attempts: release the lane and hand the record to the dead-letter publisher.
/// Waiting records live in <see cref="PendingRetries{TKey,TValue,TContext}"/>, which the producer
/// actor owns: if this actor crashes, its restarted self finds them there and schedules them again.
/// A record is stored before anything else happens to it, so a crash cannot fall between the two.
/// </summary>
internal sealed class RetrySupervisor<TKey, TValue, TContext> : ReceiveActor, IWithTimers
{
    private const string DueTimer = "retries-due";

    private readonly RetrySettings _settings;
    private readonly PendingRetries<TKey, TValue, TContext> _pending;
    private readonly SendGateHandle<TKey, TValue, TContext> _gate;
    private readonly IActorRef _deadLetters;
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long? _timerDueAt;

    public RetrySupervisor(RetrySettings settings, PendingRetries<TKey, TValue, TContext> pending,
        SendGateHandle<TKey, TValue, TContext> gate, IActorRef deadLetters, IProducerListener<TKey, TValue, TContext>? listener)
    {
        _settings = settings;
        _pending = pending;
        _gate = gate;
        _deadLetters = deadLetters;
        _listener = listener;
        Receive<Submission<TKey, TValue, TContext>>(OnFailed);
        Receive<RetriesDue>(_ => ResendDue());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RetrySettings settings, PendingRetries<TKey, TValue, TContext> pending,
        SendGateHandle<TKey, TValue, TContext> gate, IActorRef deadLetters, IProducerListener<TKey, TValue, TContext>? listener) =>
        Akka.Actor.Props.Create(() => new RetrySupervisor<TKey, TValue, TContext>(settings, pending, gate, deadLetters, listener));

    protected override void PreStart() => ScheduleNext();

    protected override void PostRestart(Exception reason)
    {
        _log.Warning("Retry supervisor restarted with {0} pending retries after {1}: {2}; rescheduling them",
            _pending.Count, reason.GetType().Name, reason.Message);
        base.PostRestart(reason);
    }

    private void OnFailed(Submission<TKey, TValue, TContext> record)
    {
        if (record.Outcome is not DeliveryOutcome<TKey, TValue, TContext>.Failed failed)
        {
            _log.Warning("Ignoring {0}: it has no failed outcome", record);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var failures = record.Failures ??= new FailureHistory(now);
        failures.LastFailureAt = now;
        failures.LastError = failed.Error;
        KafkaActorsMetrics.RecordFailed(record.Stats, failed.Error.Kind);
        RecordTelemetry.AttemptFailed(record.Span, record.Stats, failed);

        var giveUp = failed.Error.Kind == FailureKind.Permanent ? DeadLetterCause.Permanent
            : failed.Attempt >= _settings.MaxAttempts ? DeadLetterCause.AttemptsExhausted
            : (DeadLetterCause?)null;
        if (giveUp is { } cause)
        {
            _gate.Release(record);
            _deadLetters.Tell(new DeadLetterRequest<TKey, TValue, TContext>(record, DeadLetterRequest.For(record, cause)));
        }
        else
        {
            var backoff = _settings.BackoffAfter(failed.Attempt, Random.Shared.NextDouble());
            _pending.Add(record, Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency));
            ScheduleNext();
        }

        if (_listener is { } listener) Listeners.Call(_log, listener, failed, static (l, f) => l.OnError(f));
    }

    private void ResendDue()
    {
        _timerDueAt = null;
        var now = Stopwatch.GetTimestamp();
        while (_pending.TryTakeDue(now, out var record))
        {
            record.Attempt++;
            KafkaActorsMetrics.RetriedCounter.Add(1, record.Stats.Tag);
            _gate.Resend(record);
        }
        ScheduleNext();
    }

    // One timer, for the earliest due record: cheap however many records wait.
    private void ScheduleNext()
    {
        if (_pending.NextDueAt is not { } next)
        {
            Timers.Cancel(DueTimer);
            _timerDueAt = null;
            return;
        }
        if (_timerDueAt is { } scheduled && scheduled <= next) return;
        _timerDueAt = next;
        var delay = TimeSpan.FromSeconds(Math.Max(0, next - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        Timers.StartSingleTimer(DueTimer, RetriesDue.Instance, delay);
    }

    private sealed class RetriesDue
    {
        public static readonly RetriesDue Instance = new();
    }
}
