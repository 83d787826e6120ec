using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// One accepted envelope inside the producer stage, from intake until its outcome is emitted.
/// It is its own delivery handler: librdkafka's thread keeps the report on it and queues the record
/// for the stage, which builds the outcome. The stage reuses records once their outcome is out, so a send allocates nothing here.
/// </summary>
internal sealed class InFlightRecord<TKey, TValue, TContext, TIn> : IntrusiveListNode<InFlightRecord<TKey, TValue, TContext, TIn>>
{
    private readonly HandOffQueue<InFlightRecord<TKey, TValue, TContext, TIn>> _reports;

    // batchedReports: the stage's own sender thread serves the reports and ends each Poll's batch (RecordSender with a PollWaker).
    public InFlightRecord(HandOffQueue<InFlightRecord<TKey, TValue, TContext, TIn>> reports, bool batchedReports)
    {
        _reports = reports;
        Handler = batchedReports ? OnDeliveryReportInBatch : OnDeliveryReport;
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; private set; } = null!;
    public int Attempt { get; private set; }

    /// <summary>The stage's input element: what the outcome is handed back with.</summary>
    public TIn Element { get; private set; } = default!;

    /// <summary>The delivery handler given to <c>IProducer.Produce</c>; one per record object, reused with it.</summary>
    public Action<DeliveryReport<TKey, TValue>> Handler { get; }

    // Written by librdkafka's thread before the record is queued; read by the stage after dequeuing. The report is
    // kept as it came: the stage builds the outcome, so librdkafka's thread writes one field of a record it shares.
    public DeliveryReport<TKey, TValue>? Report;

    // Written by the sender thread when the record could not be handed to librdkafka at all.
    public Error? SendError;
    public Exception? SendException;

    /// <summary>Set by the stage once the outcome is known.</summary>
    public DeliveryOutcome<TKey, TValue, TContext>? Outcome;

    // An element that is not one record (several records, or a context alone) is held by a slot that is
    // never sent: its parts are records pointing at it, and it is ready when the last part is in.
    public InFlightRecord<TKey, TValue, TContext, TIn>? Slot;
    public int Part;
    public DeliveryOutcome<TKey, TValue, TContext>[]? PartOutcomes;
    public int PartsRemaining;

    /// <summary>The outcome may leave: a record's is known, or a slot's last part is in.</summary>
    public bool Ready => PartOutcomes is null ? Outcome is not null : PartsRemaining == 0;

    /// <summary>
    /// Given up on while its producer still held it (the producer died): a late report may still
    /// arrive, so this object must never be reused.
    /// </summary>
    public volatile bool Abandoned;

    public InFlightRecord<TKey, TValue, TContext, TIn> Assign(TIn element, ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt,
        InFlightRecord<TKey, TValue, TContext, TIn>? slot = null, int part = 0)
    {
        Element = element;
        Envelope = envelope;
        Attempt = attempt;
        Report = null;
        SendError = null;
        SendException = null;
        Outcome = null;
        Slot = slot;
        Part = part;
        PartOutcomes = null;
        PartsRemaining = 0;
        return this;
    }

    /// <summary>Makes this the slot of an element of <paramref name="parts"/> records (0: a context alone).</summary>
    public InFlightRecord<TKey, TValue, TContext, TIn> AssignSlot(TIn element, int parts)
    {
        Assign(element, null!, 0);
        PartOutcomes = parts == 0 ? [] : new DeliveryOutcome<TKey, TValue, TContext>[parts];
        PartsRemaining = parts;
        return this;
    }

    /// <summary>Forgets the element, so a spare record holds on to nothing.</summary>
    public InFlightRecord<TKey, TValue, TContext, TIn> Reset() => Assign(default!, null!, 0);

    private void OnDeliveryReport(DeliveryReport<TKey, TValue> report)
    {
        Report = report;
        QueueForStage();
    }

    private void OnDeliveryReportInBatch(DeliveryReport<TKey, TValue> report)
    {
        Report = report;
        _reports.AddInBatch(this);
    }

    /// <summary>Delivered, per the report; false when it failed or never got one (then <see cref="SendError"/> says why).</summary>
    public bool WasDelivered => Report is { Error.IsError: false };

    /// <summary>Hands the record back to the stage: after its delivery report, or after a failed send.</summary>
    public void QueueForStage()
    {
        _reports.Add(this);
    }
}
