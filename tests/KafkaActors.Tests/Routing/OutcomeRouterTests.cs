using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Delivered = KafkaActors.DeliveryOutcome<string, string, int>.Delivered;
using Failed = KafkaActors.DeliveryOutcome<string, string, int>.Failed;

namespace KafkaActors.Tests.Routing;

/// <summary>OutcomeRouter on the bare producer flow: delivered and failed outcomes go to their actors and listener.</summary>
public class OutcomeRouterTests : ProducerActorSpec
{
    [Fact]
    public async Task Delivered_goes_to_the_success_actor_and_failed_to_the_failure_actor_with_the_record()
    {
        CreateTopics();
        var success = CreateTestProbe();
        var failure = CreateTestProbe();
        var listener = new RecordingListener();
        var oversize = Envelope(2, value: new string('x', 2_000_000));

        var passedOn = await Source.From([Envelope(1), oversize])
            .Via(KafkaProducerFlow.Create<string, string, int>(Settings().Producer))
            .Via(OutcomeRouter.Flow(success, failure, listener))
            .RunWith(Sink.Seq<DeliveryOutcome<string, string, int>>(), Sys.Materializer());

        Assert.Equal(1, success.ExpectMsg<Delivered>().Envelope.Context);
        var failed = failure.ExpectMsg<Failed>();
        Assert.Same(oversize, failed.Envelope);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, failed.Error.Code);
        Assert.Equal(2, passedOn.Count);
        Assert.Single(listener.Successes);
        Assert.Single(listener.Errors);
    }

    [Fact]
    public async Task A_throwing_listener_is_logged_and_every_outcome_is_still_routed()
    {
        CreateTopics();
        var success = CreateTestProbe();
        var routed = await EventFilter.Error(contains: "threw on").ExpectAsync(5, () =>
            Source.From(Enumerable.Range(0, 5).Select(id => Envelope(id)))
                .Via(KafkaProducerFlow.Create<string, string, int>(Settings().Producer))
                .RunWith(OutcomeRouter.Sink(success, null, new ThrowingListener()), Sys.Materializer()));

        Assert.Equal(Akka.Done.Instance, routed);
        Assert.Equal(5, success.ReceiveN(5).Count);
    }

    private sealed class ThrowingListener : IProducerListener<string, string, int>
    {
        public void OnSuccess(Produced<string, string, int> produced) => throw new InvalidOperationException("listener bug");

        public void OnError(Failed failed) => throw new InvalidOperationException("listener bug");
    }
}
