using System.Collections.Concurrent;
using Confluent.Kafka;

namespace KafkaActors.Internal;

/// <summary>
/// One accepted envelope inside the producer stage, from intake until its outcome is emitted.
/// It is its own delivery handler: librdkafka's thread stores the report here and queues the record
/// for the stage, so no Task or closure per record is needed beyond this object.
/// </summary>
internal sealed class InFlightRecord<TKey, TValue, TContext>
{
    private readonly ConcurrentQueue<InFlightRecord<TKey, TValue, TContext>> _reports;
    private readonly Action _signal;

    public InFlightRecord(ProducerEnvelope<TKey, TValue, TContext> envelope, int attempt,
        ConcurrentQueue<InFlightRecord<TKey, TValue, TContext>> reports, Action signal)
    {
        Envelope = envelope;
        Attempt = attempt;
        _reports = reports;
        _signal = signal;
        Handler = OnDeliveryReport;
    }

    public ProducerEnvelope<TKey, TValue, TContext> Envelope { get; }
    public int Attempt { get; }

    /// <summary>The stage's input element, handed on as the outcome's <c>Origin</c>.</summary>
    public object? Origin;

    /// <summary>The delivery handler given to <c>IProducer.Produce</c>.</summary>
    public Action<DeliveryReport<TKey, TValue>> Handler { get; }

    /// <summary>Written by librdkafka's thread before the record is queued; read by the stage after.</summary>
    public DeliveryReport<TKey, TValue>? Report;

    /// <summary>Set by the stage once the outcome is known.</summary>
    public DeliveryOutcome<TKey, TValue, TContext>? Outcome;

    // Stage-thread-only links of the list of records handed to a producer and not reported yet.
    public InFlightRecord<TKey, TValue, TContext>? Previous;
    public InFlightRecord<TKey, TValue, TContext>? Next;
    public bool AwaitingReport;

    private void OnDeliveryReport(DeliveryReport<TKey, TValue> report)
    {
        Report = report;
        _reports.Enqueue(this);
        _signal();
    }
}
