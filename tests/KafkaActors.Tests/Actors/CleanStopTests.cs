using Akka.Actor;
using Akka.Event;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Actors;

/// <summary>A clean stop is quiet: the stream's completion is not reported as an alarming dead letter.</summary>
public class CleanStopTests : ProducerActorSpec
{
    [Fact]
    public async Task The_streams_completion_after_a_clean_stop_is_not_an_alarming_dead_letter()
    {
        CreateTopics();
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(AllDeadLetters));
        var producer = StartProducer(Settings());
        Assert.IsType<Produced<string, string, int>>(
            await producer.Ask<IProduceReply<string, string, int>>(Produce(Envelope(1)), TimeSpan.FromSeconds(30)));

        // Nothing outstanding: the actor stops at once, and the stream completes after it (issue 12 saw
        // "[PipelineEnded] ... dead letters encountered" logged on every clean Terminate()).
        await StopGracefully(producer);

        // The actor now waits for the stream's completion before it stops, so the completion is not a dead letter at
        // all; should one arrive anyway (a stop by close-timeout, say), it must be a suppressed one.
        var pipelineLetters = letters.ReceiveWhile<object>(TimeSpan.FromSeconds(1), m => m).OfType<AllDeadLetters>()
            .Where(l => l.Message.GetType().Name.StartsWith("PipelineEnded", StringComparison.Ordinal)).ToList();
        Assert.All(pipelineLetters, l => Assert.IsType<SuppressedDeadLetter>(l));
    }
}
