using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The stream behind the producer actor:
/// <code>
///   intake (bounded) ─▶  SendGate ─▶ KafkaProducerStage ─▶ SendGate ─▶ Delivered ─▶ producer actor
///                                  ▲                       (hand-off queue) └──▶ Failed ─▶ retry supervisor
///                                  └──── Resend / Release ◀── retry supervisor ◀─┘
/// </code>
/// Records travel as <see cref="Submission{TKey,TValue,TContext}"/> end to end; the stage sets each one's
/// outcome on the way out.
/// </summary>
internal static class ProducerPipeline
{
    /// <summary>Materializes the stream; returns the intake accepted records are written to and the stream's completion.</summary>
    public static (Intake<Submission<TKey, TValue, TContext>> Intake, Task<Done> Completion) Run<TKey, TValue, TContext>(
        ProducerActorSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer, SendGateHandle<TKey, TValue, TContext> gate,
        HandOffQueue<Submission<TKey, TValue, TContext>> delivered, IActorRef failedTo, ClientHealth health, IMaterializer materializer)
    {
        var intake = new Intake<Submission<TKey, TValue, TContext>>(settings.IntakeBufferSize);
        var producer = KafkaProducerFlow.Over(settings.Producer, sharedProducer, new Submissions<TKey, TValue, TContext>(health), settings.Producer.Ordered);
        var completion = intake.Source()
            .Via(BidiFlow.FromGraph(new SendGate<TKey, TValue, TContext>(settings.Retry, gate)).Join(producer))
            .RunWith(Sink.ForEach<Submission<TKey, TValue, TContext>>(record =>
            {
                // Neither hand-over backpressures, so routing never slows the producer.
                if (record.Outcome is DeliveryOutcome<TKey, TValue, TContext>.Delivered) delivered.Add(record);
                else failedTo.Tell(record, ActorRefs.NoSender);
            }), materializer);
        return (intake, completion);
    }
}

/// <summary>The producer actor's records through the stage: each leaves with its attempt's outcome set on it.</summary>
internal sealed class Submissions<TKey, TValue, TContext>
    : StageElements<TKey, TValue, TContext, Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>>
{
    private readonly ClientHealth _health;

    public Submissions(ClientHealth health) => _health = health;

    public override bool IsSingle(Submission<TKey, TValue, TContext> element) => true;

    public override ProducerEnvelope<TKey, TValue, TContext> Record(Submission<TKey, TValue, TContext> element, int index) => element.Envelope;

    public override int Attempt(Submission<TKey, TValue, TContext> element) => element.Attempt;

    public override Submission<TKey, TValue, TContext> One(Submission<TKey, TValue, TContext> element, DeliveryOutcome<TKey, TValue, TContext> outcome)
    {
        element.Outcome = outcome;
        if (outcome is DeliveryOutcome<TKey, TValue, TContext>.Delivered) _health.Delivered();
        return element;
    }

    public override void ClientError(Error error) => _health.ClientError(error);
}
