using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The stream behind the producer actor:
/// <code>
///   intake (bounded channel) ─▶ SendGate ─▶ KafkaProducerStage ─▶ SendGate ─▶ Delivered ─▶ producer actor
///                                  ▲                                     └──▶ Failed ─▶ retry supervisor
///                                  └──── Resend / Release ◀── retry supervisor ◀─┘
/// </code>
/// Records travel as <see cref="Submission{TKey,TValue,TContext}"/> end to end; the stage sets each one's
/// outcome on the way out.
/// </summary>
internal static class ProducerPipeline
{
    /// <summary>Materializes the stream; returns the intake accepted records are written to and the stream's completion.</summary>
    public static (Channel<Submission<TKey, TValue, TContext>> Intake, Task<Done> Completion) Run<TKey, TValue, TContext>(
        ProducerActorSettings<TKey, TValue> settings, IProducer<TKey, TValue>? sharedProducer, SendGateHandle<TKey, TValue, TContext> gate,
        IActorRef deliveredTo, IActorRef failedTo, IMaterializer materializer)
    {
        // A bounded channel is the intake: TryWrite answers at once whether there is room, so the actor
        // can reject instead of queueing, and the stream reads it only on demand.
        var intake = Channel.CreateBounded<Submission<TKey, TValue, TContext>>(new BoundedChannelOptions(settings.IntakeBufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var producer = KafkaProducerFlow.Over<TKey, TValue, TContext, Submission<TKey, TValue, TContext>, Submission<TKey, TValue, TContext>>(
            settings.Producer, sharedProducer, static s => (s.Envelope, s.Attempt), static (s, outcome) =>
            {
                s.Outcome = outcome;
                return s;
            });
        var completion = ChannelSource.FromReader(intake.Reader)
            .Via(BidiFlow.FromGraph(new SendGate<TKey, TValue, TContext>(settings.Retry, gate)).Join(producer))
            .RunWith(Sink.ForEach<Submission<TKey, TValue, TContext>>(record =>
                // Telling never backpressures, so routing never slows the producer.
                (record.Outcome is DeliveryOutcome<TKey, TValue, TContext>.Delivered ? deliveredTo : failedTo).Tell(record, ActorRefs.NoSender)), materializer);
        return (intake, completion);
    }
}
