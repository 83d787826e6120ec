using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace KafkaActors.Internal;

/// <summary>
/// The stream behind the producer actor:
/// <code>
///   intake (bounded channel) ─▶ SendGate ─▶ KafkaProducerStage ─▶ SendGate ─▶ OutcomeRouter
///                                  ▲                                             │ Delivered ─▶ producer actor
///                                  └──── Resend / Release ◀── retry supervisor ◀─┘ Failed
/// </code>
/// </summary>
internal static class ProducerPipeline
{
    /// <summary>Materializes the stream; returns where to write accepted records and the stream's completion.</summary>
    public static (ChannelWriter<Submission<TKey, TValue, TContext>> Intake, Task<Done> Completion) Run<TKey, TValue, TContext>(
        ProducerActorSettings<TKey, TValue> settings, SendGateHandle<TKey, TValue, TContext> gate,
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
        var producer = KafkaProducerFlow.CreateFor<TKey, TValue, TContext, Submission<TKey, TValue, TContext>>(
            settings.Producer, static s => (s.Envelope, s.Attempt));
        var completion = ChannelSource.FromReader(intake.Reader)
            .Via(BidiFlow.FromGraph(new SendGate<TKey, TValue, TContext>(settings.Retry, gate)).Join(producer))
            .RunWith(OutcomeRouter.Sink<TKey, TValue, TContext>(deliveredTo, failedTo), materializer);
        return (intake.Writer, completion);
    }
}
