using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace KafkaActors.Durability;

/// <summary>
/// Journals each accepted record before handing it to the inner producer actor, and each terminal outcome
/// after. One journal write is in flight at a time; what arrives meanwhile goes into the next one, so writes
/// batch themselves under load. State = records accepted and not finished, which a snapshot holds whole:
/// after it is saved, the journal entries before it are deleted.
/// </summary>
internal sealed class DurableProducerActor<TContext> : ReceivePersistentActor
{
    private readonly DurabilitySettings _durability;
    private readonly Props _innerProps;
    private readonly int _maxInInner;
    private readonly IActorRef? _recoveredReplyTo;
    private readonly IDurableContext<TContext>? _context;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly JournalState _journaled = new();
    private readonly Dictionary<Guid, DurableEntry<TContext>> _entries = new(); // arrived, no terminal outcome yet
    private readonly List<DurableEntry<TContext>> _toWrite = new();
    private List<DurableEntry<TContext>> _beingWritten = new();
    private readonly List<Guid> _finished = new();
    private readonly Queue<DurableEntry<TContext>> _toSend = new();
    private readonly List<IActorRef> _stopRequesters = new();
    private readonly List<IActorRef> _finishWaiters = new();
    private readonly TaskCompletionSource<Done> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly (string Journal, string Snapshots) _plugins;
    private IActorRef _inner = ActorRefs.Nobody;
    private int _inInner;
    private int _finishedSinceSnapshot;
    private bool _writing;
    private bool _snapshotting;
    private bool _stopping;

    public DurableProducerActor(ProducerActorSettings<byte[]?, byte[]> settings, DurabilitySettings durability, Props innerProps,
        IActorRef? recoveredReplyTo, IDurableContext<TContext>? context)
    {
        _durability = durability;
        _innerProps = innerProps;
        _maxInInner = settings.IntakeBufferSize; // so the inner actor never rejects for a full intake
        _recoveredReplyTo = recoveredReplyTo;
        _context = context;
        _plugins = JournalPlugins.For(Context.System, durability);
        JournalPluginId = _plugins.Journal;
        SnapshotPluginId = _plugins.Snapshots;

        Recover<SnapshotOffer>(offer => _journaled.RecoverSnapshot((byte[])offer.Snapshot));
        Recover<byte[]>(_journaled.RecoverBatch);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<Produce<byte[]?, byte[], TContext>>(p =>
        {
            if (p.Envelope is ProducerEnvelope<byte[]?, byte[], TContext> single) OnProduce(single, acknowledge: false);
            else Reject(p.Envelope, Sender, $"durable producing takes single records (ProducerEnvelope), not {p.Envelope.GetType().Name.Split('`')[0]}");
        });
        Command<ProduceWithAcceptance<TContext>>(p => OnProduce(p.Envelope, acknowledge: true));
        Command<IProduceReply<byte[]?, byte[], TContext>>(OnInnerReply);
        Command<StopProducing>(_ => BeginStop(Sender));
        Command<AwaitFinished>(_ =>
        {
            _finishWaiters.Add(Sender);
            AnswerIfFinished();
        });
        Command<Terminated>(t => t.ActorRef.Equals(_inner), _ => OnInnerStopped());
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f =>
        {
            _snapshotting = false;
            _log.Warning("Snapshot of {0} open records failed, the journal is compacted later: {1}", _journaled.Open.Count, f.Cause.Message);
        });
        Command<DeleteMessagesSuccess>(_ => { }); // compacted
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning("Compacting the journal failed, it is tried again after the next snapshot: {0}", f.Cause.Message));
        Command<DeleteSnapshotsFailure>(f => _log.Warning("Deleting old snapshots failed: {0}", f.Cause.Message));
    }

    public override string PersistenceId => _durability.PersistenceId;

    protected override void PreStart()
    {
        _inner = Context.ActorOf(_innerProps, "producer");
        Context.Watch(_inner);
        StopOnShutdown.Register(Context.System, Self, _stopped.Task, _log);
        base.PreStart();
    }

    private void OnRecovered()
    {
        if (_journaled.Open.Count > 0)
            _log.Info("Journal {0}: {1} record(s) accepted by an earlier run and not finished; sending them again", PersistenceId, _journaled.Open.Count);
        foreach (var record in _journaled.Open)
        {
            var context = record.Context is { } bytes && _context is not null ? _context.FromBytes(bytes) : default!;
            var entry = new DurableEntry<TContext>(record, record.ToEnvelope(context), _recoveredReplyTo, acknowledgeAcceptance: false);
            _entries[record.Id] = entry;
            _toSend.Enqueue(entry);
        }
        SendToInner();
    }

    private void OnProduce(ProducerEnvelope<byte[]?, byte[], TContext> envelope, bool acknowledge)
    {
        var replyTo = Sender.IsNobody() || Sender.Equals(Context.System.DeadLetters) ? null : Sender;
        var outstanding = _entries.Count + _finished.Count;
        if (_stopping) Reject(envelope, replyTo, "the producer is shutting down");
        else if (outstanding >= _durability.MaxOutstanding)
            Reject(envelope, replyTo, $"the journal is behind: {outstanding} records accepted and not finished (max-outstanding {_durability.MaxOutstanding})");
        else
        {
            var id = RecordIdHeader.Ensure(envelope.Message);
            if (_entries.ContainsKey(id))
            {
                Reject(envelope, replyTo, $"record {id} is pending already (its {RecordIdHeader.Name} header was sent twice)");
                return;
            }
            var record = DurableRecord.From(id, envelope, _context is null ? null : _context.ToBytes(envelope.Context));
            var entry = new DurableEntry<TContext>(record, envelope, replyTo, acknowledge);
            _entries[id] = entry;
            _toWrite.Add(entry);
            WriteJournal();
        }
    }

    private void Reject(IProducerEnvelope<byte[]?, byte[], TContext> envelope, IActorRef? replyTo, string reason)
    {
        if (replyTo is null) _log.Warning("Rejected {0} ({1}) and there is no sender to tell", envelope, reason);
        else replyTo.Tell(new ProduceRejected<byte[]?, byte[], TContext>(envelope, reason), Self);
    }

    // One write at a time: what arrives while it is under way is written next, in one batch.
    private void WriteJournal()
    {
        if (_writing || (_toWrite.Count == 0 && _finished.Count == 0)) return;
        var count = Math.Min(_toWrite.Count, _durability.MaxBatchSize);
        var accepted = _beingWritten = _toWrite.GetRange(0, count);
        _toWrite.RemoveRange(0, count);
        var finished = _finished.ToArray();
        _finished.Clear();
        _writing = true;
        PersistAsync(JournalFormat.Batch(accepted.Select(e => e.Record).ToList(), finished), _ => OnWritten(accepted, finished));
    }

    private void OnWritten(List<DurableEntry<TContext>> accepted, Guid[] finished)
    {
        _writing = false;
        _beingWritten = [];
        _journaled.Written(accepted.Select(e => e.Record), finished);
        foreach (var entry in accepted)
        {
            DurableMetrics.AcceptDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(entry.ArrivedAt).TotalMilliseconds);
            if (entry.AcknowledgeAcceptance) entry.ReplyTo?.Tell(new Accepted<TContext>(entry.Envelope, entry.Record.Id), Self);
            _toSend.Enqueue(entry);
        }
        _finishedSinceSnapshot += finished.Length;
        if (_finishedSinceSnapshot >= _durability.SnapshotEvery && !_snapshotting)
        {
            _snapshotting = true;
            _finishedSinceSnapshot = 0;
            SaveSnapshot(_journaled.Snapshot());
        }
        SendToInner();
        WriteJournal();
        AnswerIfFinished();
        StopIfDone();
    }

    private void AnswerIfFinished()
    {
        if (_finishWaiters.Count == 0 || _entries.Count > 0 || _finished.Count > 0 || _writing) return;
        foreach (var waiter in _finishWaiters) waiter.Tell(Done.Instance, Self);
        _finishWaiters.Clear();
    }

    private void SendToInner()
    {
        if (_stopping) return; // what is not sent stays in the journal for the next start
        while (_inInner < _maxInInner && _toSend.TryDequeue(out var entry))
        {
            _inInner++;
            _inner.Tell(new Produce<byte[]?, byte[], TContext>(entry.Envelope), Self);
        }
    }

    private void OnInnerReply(IProduceReply<byte[]?, byte[], TContext> reply)
    {
        if (reply.Envelope is not ProducerEnvelope<byte[]?, byte[], TContext> envelope
            || !RecordIdHeader.TryGet(envelope.Message.Headers, out var id) || !_entries.Remove(id, out var entry)) return;
        _inInner--;
        switch (reply)
        {
            case ProduceRejected<byte[]?, byte[], TContext> when !_stopping:
                _entries[id] = entry; // the inner actor was busy: it stays accepted, and is sent again
                _toSend.Enqueue(entry);
                break;
            case ProduceRejected<byte[]?, byte[], TContext> or DeadLettered<byte[]?, byte[], TContext> { Cause: DeadLetterCause.Shutdown }:
                // Not finished: it stays in the journal and the next start sends it again.
                entry.ReplyTo?.Tell(new DeadLettered<byte[]?, byte[], TContext>(envelope, DeadLetterCause.Shutdown, (reply as DeadLettered<byte[]?, byte[], TContext>)?.Attempts ?? 0,
                    (reply as DeadLettered<byte[]?, byte[], TContext>)?.LastError, null, null), Self);
                break;
            default:
                _finished.Add(id);
                entry.ReplyTo?.Tell(reply, Self);
                break;
        }
        SendToInner();
        WriteJournal();
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        _snapshotting = false;
        DeleteMessages(saved.Metadata.SequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    private void BeginStop(IActorRef requester)
    {
        if (!requester.IsNobody() && !requester.Equals(Context.System.DeadLetters)) _stopRequesters.Add(requester);
        if (_stopping) return;
        _stopping = true;
        _log.Info("Stopping: {0} record(s) in flight get the producer's close-timeout; what is not finished stays in the journal", _inInner);
        _inner.Tell(StopProducing.Instance);
    }

    private void OnInnerStopped()
    {
        if (!_stopping) _log.Warning("The inner producer actor stopped; stopping too, unfinished records stay in the journal");
        _stopping = true;
        _inner = ActorRefs.Nobody;
        WriteJournal();
        StopIfDone();
    }

    // Done once the inner actor is gone and the last outcomes are journaled.
    private void StopIfDone()
    {
        if (_stopping && _inner.IsNobody() && !_writing && _finished.Count == 0 && _toWrite.Count == 0) Context.Stop(Self);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Journal {0}: a write failed; stopping. Records it held were not accepted; earlier ones stay in the journal", PersistenceId);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _log.Error(reason, "Journal {0}: cannot read it ({1}); stopping", PersistenceId, reason.Message);
        base.OnRecoveryFailure(reason, message);
    }

    protected override void PostStop()
    {
        // Not journaled: never accepted, so the caller still holds the record.
        foreach (var entry in _beingWritten.Concat(_toWrite)) Reject(entry.Envelope, entry.ReplyTo, "the producer stopped before the record was in the journal");
        foreach (var requester in _stopRequesters) requester.Tell(Done.Instance);
        _stopped.TrySetResult(Done.Instance);
        base.PostStop();
    }
}
