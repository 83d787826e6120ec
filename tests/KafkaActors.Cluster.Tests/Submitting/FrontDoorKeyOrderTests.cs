using Akka.Actor;
using Akka.Configuration;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Tests.Support;
using Xunit;

namespace KafkaActors.Cluster.Tests.Submitting;

/// <summary>
/// Per-key order at the front door (<c>submitter.preserve-key-order</c>): a key's next record waits until
/// a producer node accepted the one before, so a record sent again before anyone took it stays first.
/// </summary>
public class FrontDoorKeyOrderTests : FrontDoorSpec
{
    private static readonly Address NodeB = new("akka.tcp", "cluster", "127.0.0.1", 2552);

    private static readonly ClusterProducingSettings Fast = ClusterProducingSettings.Create(ConfigurationFactory.Empty)
        .WithAcceptTimeout(TimeSpan.FromMilliseconds(300)).WithCheckInterval(TimeSpan.FromMilliseconds(50)).WithMaxSubmissions(10);

    private IActorRef FrontDoor(ClusterProducingSettings settings, out TestProbeRef probe)
    {
        var raw = CreateTestProbe();
        probe = new TestProbeRef(raw, new FrameProbe(raw));
        return Sys.ActorOf(ClusterProducerFrontDoor.Props<string, string, int>(settings, raw, null, null, _ => raw));
    }

    private static Produce<string, string, int> Produce(string key, int n) => new(ProducerEnvelope.Create("orders", key, $"v{n}", n));

    private static ResultFrame Accepted(params ProduceRequest[] requests) =>
        new(NodeB, requests.Select(r => new AcceptedSubmission(r.RecordId, r.Submission)).ToList(), []);

    [Fact]
    public void A_keys_next_record_goes_only_once_the_one_before_was_accepted_other_keys_do_not_wait()
    {
        var frontDoor = FrontDoor(Fast.WithAcceptTimeout(TimeSpan.FromMinutes(1)), out var buckets);

        frontDoor.Tell(Produce("a", 1));
        frontDoor.Tell(Produce("a", 2));
        frontDoor.Tell(Produce("b", 3));

        var first = buckets.Frames.ExpectRequest();
        var other = buckets.Frames.ExpectRequest();
        Assert.Equal(("a", "b"), (Key(first), Key(other)));
        buckets.Frames.ExpectNoRequest(TimeSpan.FromMilliseconds(300)); // a's second waits

        frontDoor.Tell(Accepted(first));

        var second = buckets.Frames.ExpectRequest();
        Assert.Equal(("a", 1), (Key(second), second.Submission));
        Assert.NotEqual(first.RecordId, second.RecordId);
    }

    [Fact]
    public void A_record_sent_again_before_anyone_accepted_it_still_goes_before_its_keys_later_records()
    {
        var frontDoor = FrontDoor(Fast, out var buckets);

        frontDoor.Tell(Produce("a", 1));
        frontDoor.Tell(Produce("a", 2));
        var first = buckets.Frames.ExpectRequest();

        // Nobody answers: the first is sent again (and again); the second never overtakes it.
        var again = buckets.Frames.ExpectRequest();
        Assert.Equal((first.RecordId, 2), (again.RecordId, again.Submission));
        frontDoor.Tell(Accepted(again));

        var second = buckets.Frames.ExpectRequest();
        Assert.NotEqual(first.RecordId, second.RecordId);
        Assert.Equal(Key(first), Key(second));
    }

    [Fact]
    public void With_preserve_key_order_off_every_record_goes_at_once()
    {
        var frontDoor = FrontDoor(Fast.WithAcceptTimeout(TimeSpan.FromMinutes(1)).WithPreserveKeyOrder(false), out var buckets);

        for (var i = 0; i < 3; i++) frontDoor.Tell(Produce("a", i));

        Assert.Equal(3, Enumerable.Range(0, 3).Select(_ => buckets.Frames.ExpectRequest().RecordId).Distinct().Count());
    }

    [Fact]
    public async Task A_record_sent_again_after_a_later_record_of_its_key_went_out_is_counted_as_order_at_risk()
    {
        var frontDoor = FrontDoor(Fast.WithAcceptTimeout(TimeSpan.FromMinutes(1)).WithOutcomeTimeout(TimeSpan.FromSeconds(1)), out var buckets);

        frontDoor.Tell(Produce("a", 1));
        frontDoor.Tell(Produce("a", 2));
        var first = buckets.Frames.ExpectRequest();
        frontDoor.Tell(Accepted(first));
        var second = buckets.Frames.ExpectRequest();
        frontDoor.Tell(Accepted(second));

        // No outcome for either: the first goes again behind the second (at risk), the second behind nothing newer.
        var again = new[] { buckets.Frames.ExpectRequest(), buckets.Frames.ExpectRequest() };
        Assert.Equal([(first.RecordId, 2), (second.RecordId, 2)], again.Select(r => (r.RecordId, r.Submission)));
        frontDoor.Tell(new ResultFrame(NodeB, [], again.Select(r => (IRecordResult)Delivered(r)).ToList()));
        ExpectMsg<Produced<string, string, int>>();
        ExpectMsg<Produced<string, string, int>>();
        var stats = await frontDoor.Ask<SubmitterStats>(GetSubmitterStats.Instance, TimeSpan.FromSeconds(10));
        Assert.Equal((2, 1), (stats.Resubmissions, stats.OrderAtRisk));
    }

    [Fact]
    public async Task A_record_sent_again_before_anyone_accepted_it_puts_no_order_at_risk()
    {
        var frontDoor = FrontDoor(Fast, out var buckets);

        frontDoor.Tell(Produce("a", 1));
        frontDoor.Tell(Produce("a", 2));
        var first = buckets.Frames.ExpectRequest();
        var again = buckets.Frames.ExpectRequest();
        Assert.Equal(first.RecordId, again.RecordId);

        var stats = await frontDoor.Ask<SubmitterStats>(GetSubmitterStats.Instance, TimeSpan.FromSeconds(10));
        Assert.True(stats.Resubmissions >= 1);
        Assert.Equal(0, stats.OrderAtRisk);
    }

    private static RecordDelivered Delivered(ProduceRequest r) =>
        new(r.RecordId, r.Submission, new Partition(0), new Offset(r.Submission), Timestamp.Default, PersistenceStatus.Persisted, 1);

    private static string Key(ProduceRequest r) => System.Text.Encoding.UTF8.GetString(r.Key!);

    private sealed record TestProbeRef(Akka.TestKit.TestProbe Probe, FrameProbe Frames);
}
