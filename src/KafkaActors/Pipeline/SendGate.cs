using Akka.Event;
using Akka.Streams;
using Akka.Streams.Stage;

namespace KafkaActors;

/// <summary>
/// Decides what the producer stage sends next, as a bidi stage around it:
/// <code>
///   intake ──▶ [In1  SendGate  Out1] ──▶ producer stage
///   actors ◀── [Out2 SendGate  In2 ] ◀── records with their outcome
///   retry supervisor ──Resend / Release (async callbacks)──▶ SendGate
/// </code>
/// Retries go first, then records released from their key lane, then new intake — so retries are
/// never starved. The retry loop runs through an actor and async callbacks, not through the graph,
/// so there is no cycle of demand to deadlock on; retries are queued here, bounded by construction
/// (intake stops being pulled while <c>max-pending-retries</c> records are with the supervisor, and
/// only records already in flight can add more). Seeing both directions lets the gate count what is
/// in flight and free a key's lane when its record is delivered. Per-key order is a
/// <see cref="KeyOrder{TKey,TValue,TContext}"/> policy (preserve-key-order on or strict), none when off.
/// </summary>
internal sealed class SendGate<TKey, TValue, TContext>
    : GraphStage<BidiShape<Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>>>
{
    private readonly RetrySettings _settings;
    private readonly SendGateHandle<TKey, TValue, TContext> _handle;

    public SendGate(RetrySettings settings, SendGateHandle<TKey, TValue, TContext> handle)
    {
        _settings = settings;
        _handle = handle;
        Shape = new(Intake, ToProducer, FromProducer, Outcomes);
    }

    public Inlet<Submission<TKey, TValue, TContext>> Intake { get; } = new("SendGate.intake");
    public Outlet<Submission<TKey, TValue, TContext>> ToProducer { get; } = new("SendGate.toProducer");
    /// <summary>Records back from the producer stage, each with its attempt's <see cref="Submission{TKey,TValue,TContext}.Outcome"/>.</summary>
    public Inlet<Submission<TKey, TValue, TContext>> FromProducer { get; } = new("SendGate.fromProducer");
    public Outlet<Submission<TKey, TValue, TContext>> Outcomes { get; } = new("SendGate.outcomes");

    public override BidiShape<Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("SendGate");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly SendGate<TKey, TValue, TContext> _stage;
        private readonly RetrySettings _settings;
        private readonly KeyOrder<TKey, TValue, TContext>? _lanes;
        private readonly HashSet<LaneKey<TKey>> _reorderedKeys = new(LaneKey<TKey>.Comparer);
        private readonly Queue<Submission<TKey, TValue, TContext>> _retries = new();
        private readonly Queue<Submission<TKey, TValue, TContext>> _ready = new();
        private int _inFlight;       // pushed to the producer, outcome not seen yet
        private int _withSupervisor; // failed outcomes passed on, not yet re-sent or released

        public Logic(SendGate<TKey, TValue, TContext> stage) : base(stage.Shape)
        {
            _stage = stage;
            _settings = stage._settings;
            _lanes = KeyOrder<TKey, TValue, TContext>.For(_settings.PreserveKeyOrder, Send, Retry, OnReordered);
            // Bound here, in the constructor: events sent before the stage starts are buffered.
            stage._handle.Bind(GetAsyncCallback<Submission<TKey, TValue, TContext>>(OnResend), GetAsyncCallback<Submission<TKey, TValue, TContext>>(OnRelease));

            SetHandler(stage.Intake, onPush: OnIntake, onUpstreamFinish: CompleteIfDone);
            SetHandler(stage.ToProducer, onPull: SendNext, onDownstreamFinish: _ => CompleteStage());
            SetHandler(stage.FromProducer, onPush: OnOutcome, onUpstreamFinish: () => Complete(stage.Outcomes));
            SetHandler(stage.Outcomes, onPull: () => Pull(stage.FromProducer), onDownstreamFinish: _ => CompleteStage());
        }

        private void OnIntake()
        {
            var record = Grab(_stage.Intake);
            if (_lanes is null || _lanes.TryEnter(record)) Send(record);
            PullIntakeIfAllowed();
        }

        private void OnOutcome()
        {
            var record = Grab(_stage.FromProducer);
            _inFlight--;
            // Only this stage writes it (one interpreter thread at a time): a plain write, published for the gauge's readers.
            Volatile.Write(ref record.Stats.InFlight, record.Stats.InFlight - 1);
            // Pushed first: a lane may send the key's next record, and outcomes must not wait behind it.
            Push(_stage.Outcomes, record);
            if (record.Outcome is DeliveryOutcome<TKey, TValue, TContext>.Delivered) _lanes?.Delivered(record);
            else
            {
                _withSupervisor++;
                _lanes?.Failed(record);
            }
            PullIntakeIfAllowed();
            CompleteIfDone();
        }

        // The supervisor re-sends a record after its backoff; its key's order policy says when it goes.
        private void OnResend(Submission<TKey, TValue, TContext> record)
        {
            _withSupervisor--;
            if (_lanes is null) Retry(record);
            else _lanes.Resend(record);
            PullIntakeIfAllowed();
            CompleteIfDone();
        }

        private void Retry(Submission<TKey, TValue, TContext> record)
        {
            if (IsAvailable(_stage.ToProducer)) PushToProducer(record);
            else _retries.Enqueue(record);
        }

        // The supervisor gave up on a record (dead letter): its key's next record may go.
        private void OnRelease(Submission<TKey, TValue, TContext> record)
        {
            _withSupervisor--;
            _lanes?.Released(record);
            PullIntakeIfAllowed();
            CompleteIfDone();
        }

        private void Send(Submission<TKey, TValue, TContext> record)
        {
            if (IsAvailable(_stage.ToProducer)) PushToProducer(record);
            else _ready.Enqueue(record);
        }

        private void SendNext()
        {
            if (_retries.TryDequeue(out var retry)) PushToProducer(retry);
            else if (_ready.TryDequeue(out var ready)) PushToProducer(ready);
            else PullIntakeIfAllowed();
        }

        private void PushToProducer(Submission<TKey, TValue, TContext> record)
        {
            _inFlight++;
            Volatile.Write(ref record.Stats.InFlight, record.Stats.InFlight + 1);
            Push(_stage.ToProducer, record);
        }

        // kafka_actors.key_order_violations, and one warning per key: later keys would only repeat it.
        private void OnReordered(Submission<TKey, TValue, TContext> record, long laterSequence)
        {
            KafkaActorsMetrics.KeyOrderViolationsCounter.Add(1, record.Stats.Tag);
            if (LaneKey<TKey>.Of(record) is { } key && _reorderedKeys.Add(key))
                Log.Warning("Key order broken for key {0} of topic {1}: record {2} (attempt {3}) landed after a later record of its key " +
                    "(accepted as #{4}) that was already in flight when it failed; preserve-key-order = strict prevents this. Logged once per key.",
                    DescribeKey(key.Key), record.Envelope.Topic, record.Sequence, record.Attempt, laterSequence);
        }

        private static string DescribeKey(TKey key) => key is byte[] bytes ? Convert.ToHexString(bytes) : key?.ToString() ?? "";

        private void PullIntakeIfAllowed()
        {
            if (IsAvailable(_stage.ToProducer) && _retries.Count == 0 && _ready.Count == 0
                && _withSupervisor < _settings.MaxPendingRetries
                && (_lanes is null || _lanes.Held < _settings.MaxHeldRecords)
                && !HasBeenPulled(_stage.Intake) && !IsClosed(_stage.Intake))
                Pull(_stage.Intake);
        }

        // Intake is closed and every record it let in has left: let the producer stage finish.
        private void CompleteIfDone()
        {
            if (IsClosed(_stage.Intake) && _inFlight == 0 && _withSupervisor == 0 && _retries.Count == 0 && _ready.Count == 0
                && (_lanes is null || _lanes.Held == 0) && !IsClosed(_stage.ToProducer))
                Complete(_stage.ToProducer);
        }
    }
}

/// <summary>
/// The retry supervisor's way into a running <see cref="SendGate{TKey,TValue,TContext}"/>. Created
/// before the stream so the supervisor can be built first; the gate binds its async callbacks to it.
/// </summary>
internal sealed class SendGateHandle<TKey, TValue, TContext>
{
    private volatile Action<Submission<TKey, TValue, TContext>>? _resend;
    private volatile Action<Submission<TKey, TValue, TContext>>? _release;

    /// <summary>Sends the record again, ahead of new intake; it keeps its key's lane.</summary>
    public void Resend(Submission<TKey, TValue, TContext> record) => (_resend ?? throw NotBound())(record);

    /// <summary>The record will not be sent again: frees its key's lane and its pending-retry slot.</summary>
    public void Release(Submission<TKey, TValue, TContext> record) => (_release ?? throw NotBound())(record);

    internal void Bind(Action<Submission<TKey, TValue, TContext>> resend, Action<Submission<TKey, TValue, TContext>> release)
    {
        _resend = resend;
        _release = release;
    }

    private static InvalidOperationException NotBound() => new("The send gate is not materialized yet.");
}
