using System.Collections.Concurrent;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// One accepted envelope inside the producer stage, from intake until its outcome is emitted.
/// It is its own delivery handler: librdkafka's thread copies what the outcome needs out of the
/// report (building the Delivered outcome there, off the stage's thread) and queues the record for
/// the stage. The stage reuses records once their outcome is out, so a send allocates nothing here.
/// </summary>
internal sealed class InFlightRecord<TKey, TValue, TContext, TIn> : IntrusiveListNode<InFlightRecord<TKey, TValue, TContext, TIn>>
{
    private readonly ConcurrentQueue<InFlightRecord<TKey, TValue, TContext, TIn>> _reports;
    private readonly Action _signal;

    public InFlightRecord(ConcurrentQueue<InFlightRecord<TKey, TValue, TContext, TIn>> reports, Action signal)
    {
        _reports = reports;
        _signal = signal;
        Handler = OnDeliveryReport;
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; private set; } = null!;
    public int Attempt { get; private set; }

    /// <summary>The stage's input element: what the outcome is handed back with.</summary>
    public TIn Element { get; private set; } = default!;

    /// <summary>The delivery handler given to <c>IProducer.Produce</c>; one per record object, reused with it.</summary>
    public Action<DeliveryReport<TKey, TValue>> Handler { get; }

    // Written by librdkafka's thread before the record is queued; read by the stage after dequeuing.
    public DeliveryOutcome<TKey, TValue, TContext>.Delivered? ReportedDelivery;
    public Error? ReportedError;
    public PersistenceStatus ReportedStatus;

    // Written by the sender thread when the record could not be handed to librdkafka at all.
    public Error? SendError;
    public Exception? SendException;

    /// <summary>Set by the stage once the outcome is known.</summary>
    public DeliveryOutcome<TKey, TValue, TContext>? Outcome;

    /// <summary>
    /// Given up on while its producer still held it (the producer died): a late report may still
    /// arrive, so this object must never be reused.
    /// </summary>
    public volatile bool Abandoned;

    public InFlightRecord<TKey, TValue, TContext, TIn> Assign(TIn element, ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt)
    {
        Envelope = envelope;
        Attempt = attempt;
        Element = element;
        ReportedDelivery = null;
        ReportedError = null;
        SendError = null;
        SendException = null;
        Outcome = null;
        return this;
    }

    private void OnDeliveryReport(DeliveryReport<TKey, TValue> report)
    {
        ReportedStatus = report.Status;
        if (report.Error.IsError) ReportedError = report.Error;
        else ReportedDelivery = new DeliveryOutcome<TKey, TValue, TContext>.Delivered(
            Envelope, Attempt, report.Partition, report.Offset, report.Timestamp, report.Status);
        QueueForStage();
    }

    /// <summary>Hands the record back to the stage: after its delivery report, or after a failed send.</summary>
    public void QueueForStage()
    {
        _reports.Enqueue(this);
        _signal();
    }
}
