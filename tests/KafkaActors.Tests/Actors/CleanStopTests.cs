using Akka.Actor;
using Akka.Event;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Actors;

/// <summary>A clean stop is quiet: nothing that arrives after it (the stream's completion) is reported as a dead letter.</summary>
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

        var letter = letters.FishForMessage<AllDeadLetters>(l => l.Message.GetType().Name.StartsWith("PipelineEnded", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        Assert.IsType<SuppressedDeadLetter>(letter);
    }
}
