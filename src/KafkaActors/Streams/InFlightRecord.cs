using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// One accepted envelope inside the producer stage, from intake until its outcome is emitted.
/// It is its own delivery handler: the thread that serves the report keeps it on the record and queues the record
/// for the stage, which builds the outcome. The stage reuses records once their outcome is out, so a send allocates nothing here.
/// Sent through a <see cref="NativeProducer{TKey,TValue}"/>, a record is its report's opaque: a GC handle made once per record
/// object, freed by the stage once nothing can serve a report any more (<see cref="Free"/>).
/// </summary>
internal sealed class InFlightRecord<TKey, TValue, TContext, TIn> : IntrusiveListNode<InFlightRecord<TKey, TValue, TContext, TIn>>
{
    private readonly HandOffQueue<InFlightRecord<TKey, TValue, TContext, TIn>> _reports;

    private GCHandle _opaque;

    // native: sent through a NativeProducer, whose serving thread (the stage's client thread) ends each batch of reports.
    public InFlightRecord(HandOffQueue<InFlightRecord<TKey, TValue, TContext, TIn>> reports, bool native)
    {
        _reports = reports;
        Handler = OnDeliveryReport;
        if (native) _opaque = GCHandle.Alloc(this);
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; private set; } = null!;
    public int Attempt { get; private set; }

    /// <summary>The stage's input element: what the outcome is handed back with.</summary>
    public TIn Element { get; private set; } = default!;

    /// <summary>The delivery handler given to <c>IProducer.Produce</c>; one per record object, reused with it.</summary>
    public Action<DeliveryReport<TKey, TValue>> Handler { get; }

    /// <summary>The record's opaque for <see cref="NativeProducer{TKey,TValue}"/>: its own GC handle.</summary>
    public IntPtr Opaque => GCHandle.ToIntPtr(_opaque);

    // Written by the serving thread before the record is queued; read by the stage after dequeuing. The stage builds the
    // outcome, so the serving thread writes only these two fields of a record it shares.
    public ReportedDelivery Report;
    public bool Reported;

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
        Report = default;
        Reported = false;
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
        Report = ReportedDelivery.Of(report);
        Reported = true;
        QueueForStage();
    }

    /// <summary>A <see cref="NativeProducer{TKey,TValue}"/>'s report for the record whose <see cref="Opaque"/> it carries.</summary>
    public static void OnNativeReport(IntPtr opaque, in ReportedDelivery report)
    {
        var record = (InFlightRecord<TKey, TValue, TContext, TIn>)GCHandle.FromIntPtr(opaque).Target!;
        record.Report = report;
        record.Reported = true;
        record._reports.AddInBatch(record);
    }

    /// <summary>Delivered, per the report; false when it failed or never got one (then <see cref="SendError"/> says why).</summary>
    public bool WasDelivered => Reported && Report.Delivered;

    /// <summary>Nothing can serve a report for this record any more: its opaque handle goes (the record may then be collected).</summary>
    public void Free()
    {
        if (_opaque.IsAllocated) _opaque.Free();
    }

    /// <summary>Hands the record back to the stage: after its delivery report, or after a failed send.</summary>
    public void QueueForStage()
    {
        _reports.Add(this);
    }
}
