using Akka.Event;
using Akka.Streams;
using Akka.Streams.Stage;

namespace KafkaActors;

/// <summary>
/// The stage behind <see cref="TransactionalProducerFlow"/>: gathers envelopes into a transaction until it holds
/// <c>max-records</c> envelopes or <c>max-bytes</c>, <c>commit-interval</c> has passed since its first envelope,
/// the caller's boundary says so, or upstream ends; hands it to its <see cref="TransactionRunner{TKey,TValue,TContext}"/>
/// and gathers the next one meanwhile. One transaction runs at a time; outcomes leave in submission order.
/// </summary>
internal sealed class TransactionalProducerStage<TKey, TValue, TContext> : GraphStage<FlowShape<IProducerEnvelope<TKey, TValue, TContext>, TransactionOutcome<TKey, TValue, TContext>>>
{
    private readonly ProducerPipelineSettings<TKey, TValue> _settings;
    private readonly TransactionSettings _transactions;
    private readonly RetrySettings _retry;
    private readonly string _transactionalId;
    private readonly Func<TContext, ConsumerOffset?>? _offsetOf;
    private readonly Func<IProducerEnvelope<TKey, TValue, TContext>, bool>? _endsTransaction;

    public TransactionalProducerStage(ProducerPipelineSettings<TKey, TValue> settings, TransactionSettings transactions, RetrySettings retry,
        string transactionalId, Func<TContext, ConsumerOffset?>? offsetOf, Func<IProducerEnvelope<TKey, TValue, TContext>, bool>? endsTransaction)
    {
        _settings = settings;
        _transactions = transactions;
        _retry = retry;
        _transactionalId = transactionalId;
        _offsetOf = offsetOf;
        _endsTransaction = endsTransaction;
        Shape = new FlowShape<IProducerEnvelope<TKey, TValue, TContext>, TransactionOutcome<TKey, TValue, TContext>>(In, Out);
    }

    public Inlet<IProducerEnvelope<TKey, TValue, TContext>> In { get; } = new("TransactionalProducer.in");
    public Outlet<TransactionOutcome<TKey, TValue, TContext>> Out { get; } = new("TransactionalProducer.out");
    public override FlowShape<IProducerEnvelope<TKey, TValue, TContext>, TransactionOutcome<TKey, TValue, TContext>> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("TransactionalProducer");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string CommitTimer = "commit-interval";

        private readonly TransactionalProducerStage<TKey, TValue, TContext> _stage;
        private readonly Queue<TransactionOutcome<TKey, TValue, TContext>> _ready = new();
        private TransactionBatch<TKey, TValue, TContext> _open = new();
        private TransactionRunner<TKey, TValue, TContext>? _runner;
        private Action<IReadOnlyList<TransactionOutcome<TKey, TValue, TContext>>> _onDone = _ => { };
        private bool _openIsDue;
        private int _running; // envelopes in the transaction under way
        private long _sequence;
        private bool _upstreamFinished;

        public Logic(TransactionalProducerStage<TKey, TValue, TContext> stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage.Out, onPull: Emit);
        }

        public override void PreStart()
        {
            _onDone = GetAsyncCallback<IReadOnlyList<TransactionOutcome<TKey, TValue, TContext>>>(OnTransactionDone);
            _runner = new TransactionRunner<TKey, TValue, TContext>(_stage._settings, _stage._transactions, _stage._retry,
                _stage._transactionalId, _stage._offsetOf, Log);
            Pull(_stage.In);
        }

        private void OnPush()
        {
            var envelope = Grab(_stage.In);
            if (_open.Count == 0) ScheduleOnce(CommitTimer, _stage._transactions.CommitInterval);
            _open.Add(envelope);
            if (_open.Count >= _stage._transactions.MaxRecords || _open.Bytes >= _stage._transactions.MaxBytes
                || _stage._endsTransaction?.Invoke(envelope) == true)
                _openIsDue = true;
            StartIfDue();
            PullIfRoom();
        }

        protected override void OnTimer(object timerKey)
        {
            if (_open.Count == 0) return;
            _openIsDue = true;
            StartIfDue();
        }

        private void OnUpstreamFinish()
        {
            _upstreamFinished = true;
            if (_open.Count > 0) _openIsDue = true;
            StartIfDue();
            CompleteIfDone();
        }

        private void StartIfDue()
        {
            if (!_openIsDue || _running > 0 || _open.Count == 0) return;
            CancelTimer(CommitTimer);
            var batch = _open;
            _open = new TransactionBatch<TKey, TValue, TContext>();
            _openIsDue = false;
            _running = batch.Count;
            _runner!.Run(batch, ++_sequence, _onDone);
        }

        private void OnTransactionDone(IReadOnlyList<TransactionOutcome<TKey, TValue, TContext>> outcomes)
        {
            _running = 0;
            foreach (var outcome in outcomes) _ready.Enqueue(outcome);
            Emit();
            if (_upstreamFinished && _open.Count > 0) _openIsDue = true;
            StartIfDue();
            PullIfRoom();
            CompleteIfDone();
        }

        private void Emit()
        {
            if (_ready.Count > 0 && IsAvailable(_stage.Out)) Push(_stage.Out, _ready.Dequeue());
            CompleteIfDone();
            PullIfRoom();
        }

        // Bounded: the open transaction fills only to its limits, and stops while a transaction's worth of outcomes waits to leave.
        private void PullIfRoom()
        {
            if (_upstreamFinished || HasBeenPulled(_stage.In) || IsClosed(_stage.In)) return;
            if (_openIsDue || _ready.Count >= _stage._transactions.MaxRecords) return;
            Pull(_stage.In);
        }

        private void CompleteIfDone()
        {
            if (_upstreamFinished && _running == 0 && _open.Count == 0 && _ready.Count == 0) CompleteStage();
        }

        public override void PostStop()
        {
            var lost = _running + _open.Count + _ready.Count;
            if (lost > 0)
                Log.Error("Transactional producer '{0}' stopped with {1} envelope(s) whose outcome was not emitted ({2} in the transaction under way, which Kafka aborts or completes on its own)",
                    _stage._transactionalId, lost, _running);
            _runner?.Dispose();
        }
    }
}
