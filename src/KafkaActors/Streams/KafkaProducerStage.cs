using Akka.Event;
using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Error = Confluent.Kafka.Error;
using LogMessage = Confluent.Kafka.LogMessage;

namespace KafkaActors;

/// <summary>
/// The producer stage behind <see cref="KafkaProducerFlow"/>, over any element <typeparamref name="TIn"/> whose
/// records and outcome <see cref="StageElements{TKey,TValue,TContext,TIn,TOut}"/> describes: the flow emits the
/// outcome itself, the producer actor's pipeline its own per-record state with the outcome attached, so nobody
/// needs a lookup or a cast. An element of several records (or none) leaves once every record's outcome is in. Its
/// <see cref="RecordSender{TKey,TValue,TContext,TIn}"/> thread hands records over and, for a producer the stage built, serves
/// their delivery reports too, natively (<see cref="NativeProducer{TKey,TValue}"/>); a shared producer gets
/// <c>IProducer.Produce(topicPartition, message, handler)</c> and Confluent's thread serves its reports. Reports enter the
/// stage in batches through one async callback. Every accepted element leaves as exactly one outcome; nothing about a single
/// record can fail the stage.
/// </summary>
internal sealed partial class KafkaProducerStage<TKey, TValue, TContext, TIn, TOut> : GraphStage<FlowShape<TIn, TOut>>
{
    private readonly ProducerPipelineSettings<TKey, TValue> _settings;
    private readonly IProducer<TKey, TValue>? _sharedProducer;
    private readonly StageElements<TKey, TValue, TContext, TIn, TOut> _elements;
    private readonly bool _ordered;

    // sharedProducer: the user's producer, neither built nor disposed here; null: the stage builds its own.
    // ordered: outcomes in submission order (settings.Ordered, or a flow that promises order).
    public KafkaProducerStage(ProducerPipelineSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer,
        StageElements<TKey, TValue, TContext, TIn, TOut> elements, bool ordered)
    {
        _settings = settings;
        _sharedProducer = sharedProducer;
        _elements = elements;
        _ordered = ordered;
        Shape = new FlowShape<TIn, TOut>(In, Out);
    }

    public Inlet<TIn> In { get; } = new("KafkaProducer.in");
    public Outlet<TOut> Out { get; } = new("KafkaProducer.out");
    public override FlowShape<TIn, TOut> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("KafkaProducer");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed partial class Logic : GraphStageLogic
    {
        // How long a stopping stage waits for its sender thread to finish the record in its hands and leave its last Poll.
        private static readonly TimeSpan ThreadStopWait = TimeSpan.FromSeconds(5);

        private readonly KafkaProducerStage<TKey, TValue, TContext, TIn, TOut> _stage;
        private readonly ProducerPipelineSettings<TKey, TValue> _settings;
        private readonly StageElements<TKey, TValue, TContext, TIn, TOut> _elements;
        private readonly bool _ordered;
        // Delivery reports (and failed hand-overs) from librdkafka's and the sender's threads; one wake-up per batch.
        private readonly HandOffQueue<InFlightRecord<TKey, TValue, TContext, TIn>> _reports;
        private readonly AwaitingReports<TKey, TValue, TContext, TIn> _awaiting = new();
        private readonly Queue<InFlightRecord<TKey, TValue, TContext, TIn>> _emitQueue = new();
        // Records whose outcome has been emitted, for reuse: their count never exceeds max-in-flight.
        private readonly Stack<InFlightRecord<TKey, TValue, TContext, TIn>> _spare = new();
        // With a native producer: every record object made, whose opaque handles go once no report can come any more.
        private readonly List<InFlightRecord<TKey, TValue, TContext, TIn>> _made = new();
        private readonly bool _servesNatively;
        private Action _drainReports = () => { };
        private Action<(int Generation, Error Error)> _onFatal = _ => { };

        private IProducer<TKey, TValue>? _producer;
        private RecordSender<TKey, TValue, TContext, TIn>? _sender;
        // Set when the sender thread sends to and serves the producer natively (one the stage built); null for a shared one
        // (Confluent's thread serves those). The newest producer's; the sender disposes the ones it replaces.
        private NativeProducer<TKey, TValue>? _native;
        private int _generation;
        private int _outstanding; // records and slots held: sent or waiting to leave
        private bool _upstreamFinished;

        public Logic(KafkaProducerStage<TKey, TValue, TContext, TIn, TOut> stage) : base(stage.Shape)
        {
            _stage = stage;
            _settings = stage._settings;
            _elements = stage._elements;
            _ordered = stage._ordered;
            _servesNatively = stage._sharedProducer is null && NativeProducer<TKey, TValue>.Available && NativeProducer<TKey, TValue>.Suits(_settings.Properties);
            _reports = new HandOffQueue<InFlightRecord<TKey, TValue, TContext, TIn>>(() => _drainReports());
            SetHandler(stage.In, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage.Out, onPull: TryEmit);
        }

        public override void PreStart()
        {
            _drainReports = GetAsyncCallback(DrainReports);
            _onFatal = GetAsyncCallback<(int Generation, Error Error)>(OnFatalError);
            var producer = Connect();
            _sender = _native is null
                ? new RecordSender<TKey, TValue, TContext, TIn>(producer, static record => record.QueueForStage())
                : new RecordSender<TKey, TValue, TContext, TIn>(_native, static record => record.QueueForStage(), _reports.EndBatch);
            // One serve can take thousands of reports (a produce response's worth); records queued meanwhile go out between them.
            if (_native is not null) _reports.StepBatchesWith(_sender.HandBetweenReports);
            Pull(_stage.In);
        }

        // The producer of this generation (the shared one, or one built here) and, for one built here, the native way into it.
        // One error handler for both: Confluent's is never called for a producer served natively (its errors come as events),
        // but setting it is what puts them on the queue.
        private IProducer<TKey, TValue> Connect()
        {
            if (_stage._sharedProducer is { } shared) return _producer = shared;
            var onError = ClientErrorHandler();
            var log = Log;
            var producer = _settings.BuildProducer((_, error) => onError(error), message => ClientLog.Forward(log, message), native: _servesNatively);
            _producer = producer;
            _native = _servesNatively
                ? NativeProducer<TKey, TValue>.For(producer, _settings.KeySerializer, _settings.ValueSerializer, onError)
                  ?? throw new InvalidOperationException($"Cannot serve producer {producer.Name}: its librdkafka main queue is unavailable")
                : null;
            return producer;
        }

        // The producer's errors, from Confluent's error handler or (served natively) from its events: this generation's.
        private Action<Error> ClientErrorHandler()
        {
            var generation = _generation;
            var fatal = _onFatal;
            var log = Log;
            var elements = _elements;
            return error =>
            {
                elements.ClientError(error);
                if (error.IsFatal) fatal((generation, error));
                else log.Warning("Kafka client error {0}: {1}", error.Code, error.Reason);
            };
        }

        private void OnPush()
        {
            var element = Grab(_stage.In);
            if (_elements.IsSingle(element))
            {
                var record = Rent().Assign(element, _elements.Record(element, 0), _elements.Attempt(element));
                _outstanding++;
                if (_ordered) _emitQueue.Enqueue(record);
                Send(record);
            }
            else PushMany(element);
            // Take reports as they come rather than only when the wake-up arrives: records then leave
            // young, instead of piling up and surviving into older GC generations.
            if (!_reports.IsEmpty) TakeReports();
            PullIfRoom();
            TryEmit();
        }

        // Several records with one outcome, or none (a context alone): a slot waits for every part.
        private void PushMany(TIn element)
        {
            var count = _elements.Count(element);
            var slot = Rent().AssignSlot(element, count);
            _outstanding++;
            if (_ordered || count == 0) _emitQueue.Enqueue(slot);
            var attempt = _elements.Attempt(element);
            for (var part = 0; part < count; part++)
            {
                _outstanding++;
                Send(Rent().Assign(element, _elements.Record(element, part), attempt, slot, part));
            }
        }

        private InFlightRecord<TKey, TValue, TContext, TIn> Rent()
        {
            if (_spare.Count > 0) return _spare.Pop();
            var record = new InFlightRecord<TKey, TValue, TContext, TIn>(_reports, native: _servesNatively);
            if (_servesNatively) _made.Add(record);
            return record;
        }

        private void Send(InFlightRecord<TKey, TValue, TContext, TIn> record)
        {
            // Awaited from now on: a failed hand-over comes back through the same queue as a report.
            _awaiting.Add(record);
            _sender!.Send(record);
        }

        private void DrainReports()
        {
            _reports.Rearm();
            TakeReports();
            TryEmit();
        }

        private void TakeReports()
        {
            while (_reports.TryTake(out var record))
            {
                // A record already failed because its producer died may still get a late report: ignore it.
                if (!_awaiting.TryRemove(record)) continue;
                var report = record.Report;
                DeliveryOutcome<TKey, TValue, TContext> outcome = record.WasDelivered
                    ? new DeliveryOutcome<TKey, TValue, TContext>.Delivered(record.Envelope, record.Attempt, report.Partition, report.Offset, report.Timestamp, report.Status)
                    : Failure(record, record.SendError ?? report.Error!, record.SendException, record.Reported ? report.Status : PersistenceStatus.NotPersisted);
                // The outcome has all it needs: a record waiting for its turn to leave no longer keeps the report's error alive.
                record.Report = default;
                Complete(record, outcome);
            }
        }

        private void OnFatalError((int Generation, Error Error) fatal)
        {
            if (fatal.Generation != _generation) return; // an older producer, already replaced
            var lost = _awaiting.RemoveAll();
            Log.Error("Kafka producer failed fatally ({0}: {1}); {2} in-flight record(s) come out as Failed(ProducerFailed){3}",
                fatal.Error.Code, fatal.Error.Reason, lost.Count,
                _stage._sharedProducer is null ? " and a new producer takes over" : "; the shared producer cannot be replaced by the flow");
            var error = new DeliveryError(fatal.Error.Code, $"producer failed fatally: {fatal.Error.Reason}",
                FailureKind.ProducerFailed, fatal.Error.IsLocalError, PersistenceStatus.PossiblyPersisted);
            foreach (var record in lost)
            {
                record.Abandoned = true;
                Complete(record, new DeliveryOutcome<TKey, TValue, TContext>.Failed(record.Envelope, record.Attempt, error));
            }

            if (_stage._sharedProducer is null)
            {
                _generation++;
                var producer = Connect();
                // The sender disposes the dead one once it no longer uses it; its late reports are ignored (see TakeReports).
                if (_native is not null) _sender!.Replace(_native);
                else _sender!.Replace(producer);
            }
            TryEmit();
        }

        private DeliveryOutcome<TKey, TValue, TContext>.Failed Failure(InFlightRecord<TKey, TValue, TContext, TIn> record,
            Error error, Exception? exception, PersistenceStatus status = PersistenceStatus.NotPersisted)
        {
            // A report's own error does not say fatal (OutOfOrderSequenceNumber, for one) even when its producer died of it; the
            // producer's state does. The handler's notice may reach the stage only after this report, and a shared producer's
            // handler is its owner's. Asked only for a failure, so the native call costs nothing at speed.
            var kind = _settings.Classifier.Classify(error.Code, error.IsFatal || ClientFatalError.IsRaised(_producer!));
            var reason = exception?.InnerException is { } inner ? $"{error.Reason}: {inner.Message}" : error.Reason;
            return new DeliveryOutcome<TKey, TValue, TContext>.Failed(record.Envelope, record.Attempt,
                new DeliveryError(error.Code, reason, kind, error.IsLocalError, status, exception));
        }

        private void Complete(InFlightRecord<TKey, TValue, TContext, TIn> record, DeliveryOutcome<TKey, TValue, TContext> outcome)
        {
            if (record.Slot is not { } slot)
            {
                record.Outcome = outcome;
                if (!_ordered) _emitQueue.Enqueue(record);
                return;
            }
            // A part: its outcome goes into its slot, and the record itself is done.
            slot.PartOutcomes![record.Part] = outcome;
            _outstanding--;
            if (!record.Abandoned) _spare.Push(record.Reset());
            if (--slot.PartsRemaining == 0 && !_ordered) _emitQueue.Enqueue(slot);
        }

        private void TryEmit()
        {
            if (IsAvailable(_stage.Out) && _emitQueue.TryPeek(out var next) && next.Ready)
            {
                _emitQueue.Dequeue();
                Push(_stage.Out, next.PartOutcomes is { } parts ? _elements.Many(next.Element, parts) : _elements.One(next.Element, next.Outcome!));
                _outstanding--;
                if (!next.Abandoned) _spare.Push(next.Reset());
            }
            if (_upstreamFinished && _outstanding == 0) CompleteStage();
            else PullIfRoom();
        }

        private void PullIfRoom()
        {
            if (_outstanding < _settings.MaxInFlight && !_upstreamFinished
                && !HasBeenPulled(_stage.In) && !IsClosed(_stage.In))
                Pull(_stage.In);
        }

        private void OnUpstreamFinish()
        {
            // Every accepted record still gets its outcome: complete once the last one is emitted.
            _upstreamFinished = true;
            if (_outstanding == 0) CompleteStage();
        }
    }
}
