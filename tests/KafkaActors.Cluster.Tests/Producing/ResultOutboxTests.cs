using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cluster.Producing;
using KafkaActors.Cluster.Protocol;
using Xunit;

namespace KafkaActors.Cluster.Tests.Producing;

public class ResultOutboxTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Address Node = new("akka.tcp", "nodes", "127.0.0.1", 4053);

    private static RecordDelivered Delivered(Guid id) =>
        new(id, 1, new Partition(0), new Offset(1), Timestamp.Default, PersistenceStatus.Persisted, 1);

    [Fact]
    public void Acceptances_and_results_reach_each_submitter_in_frames_in_the_order_they_happened()
    {
        var outbox = Sys.ActorOf(ResultOutbox.Props(Node));
        var other = CreateTestProbe();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in ids) outbox.Tell(new ResultOutbox.Accepted(TestActor, id, 1));
        outbox.Tell(new ResultOutbox.Accepted(other.Ref, Guid.NewGuid(), 1));
        foreach (var id in ids) outbox.Tell(new ResultOutbox.Result(TestActor, Delivered(id)));

        var frames = new List<ResultFrame>();
        AwaitAssert(() =>
        {
            while (HasMessages) frames.Add(ExpectMsg<ResultFrame>());
            Assert.Equal(ids, frames.SelectMany(f => f.Results).Select(r => r.RecordId));
        });
        Assert.Equal(ids, frames.SelectMany(f => f.Accepted).Select(a => a.RecordId));
        Assert.All(frames, f => Assert.Equal(Node, f.Node));
        Assert.Single(other.ExpectMsg<ResultFrame>().Accepted);
    }

    [Fact]
    public void A_frame_holds_at_most_its_maximum_of_items()
    {
        var outbox = Sys.ActorOf(ResultOutbox.Props(Node));
        var count = ResultOutbox.MaxItems * 2 + 10;

        for (var i = 0; i < count; i++) outbox.Tell(new ResultOutbox.Result(TestActor, Delivered(Guid.NewGuid())));

        var received = 0;
        while (received < count)
        {
            var frame = ExpectMsg<ResultFrame>();
            Assert.InRange(frame.Results.Count, 1, ResultOutbox.MaxItems);
            received += frame.Results.Count;
        }
        Assert.Equal(count, received);
    }
}
