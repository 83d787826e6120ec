using System.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace KafkaActors.Internal;

/// <summary>
/// Owns the decision for every failed send. Retriable or Fatal with attempts left: wait the backoff,
/// then re-send through the send gate (ahead of new intake, keeping the key's lane). Permanent, or out
/// of attempts: release the lane and ask the producer actor to dead-letter the record.
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
    private readonly IActorRef _owner;
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long? _timerDueAt;

    public RetrySupervisor(RetrySettings settings, PendingRetries<TKey, TValue, TContext> pending,
        SendGateHandle<TKey, TValue, TContext> gate, IActorRef owner, IProducerListener<TKey, TValue, TContext>? listener)
    {
        _settings = settings;
        _pending = pending;
        _gate = gate;
        _owner = owner;
        _listener = listener;
        Receive<DeliveryOutcome<TKey, TValue, TContext>.Failed>(OnFailed);
        Receive<RetriesDue>(_ => ResendDue());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RetrySettings settings, PendingRetries<TKey, TValue, TContext> pending,
        SendGateHandle<TKey, TValue, TContext> gate, IActorRef owner, IProducerListener<TKey, TValue, TContext>? listener) =>
        Akka.Actor.Props.Create(() => new RetrySupervisor<TKey, TValue, TContext>(settings, pending, gate, owner, listener));

    protected override void PreStart() => ScheduleNext();

    protected override void PostRestart(Exception reason)
    {
        _log.Warning("Retry supervisor restarted with {0} pending retries after {1}: {2}; rescheduling them",
            _pending.Count, reason.GetType().Name, reason.Message);
        base.PostRestart(reason);
    }

    private void OnFailed(DeliveryOutcome<TKey, TValue, TContext>.Failed failed)
    {
        if (failed.Origin is not Submission<TKey, TValue, TContext> record)
        {
            _log.Warning("Ignoring {0}: it did not come from this pipeline", failed);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        if (record.LastFailure is null) record.FirstFailureAt = now;
        record.LastFailureAt = now;
        record.LastFailure = failed;
        KafkaActorsMetrics.RecordFailed(record.Stats, failed.Error.Kind);

        var giveUp = failed.Error.Kind == FailureKind.Permanent ? DeadLetterReason.Permanent
            : failed.Attempt >= _settings.MaxAttempts ? DeadLetterReason.AttemptsExhausted
            : (DeadLetterReason?)null;
        if (giveUp is { } reason)
        {
            _gate.Release(record);
            _owner.Tell(new DeadLetterRequest<TKey, TValue, TContext>(record, failed, reason));
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

/// <summary>The retry supervisor gave up on a record: the producer actor dead-letters it.</summary>
internal sealed record DeadLetterRequest<TKey, TValue, TContext>(
    Submission<TKey, TValue, TContext> Record, DeliveryOutcome<TKey, TValue, TContext>.Failed Failed, DeadLetterReason Reason, int PublishAttempt = 1);
