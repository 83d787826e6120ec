using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Submitting;
using Xunit;

namespace KafkaActors.Cluster.Tests.Submitting;

public class RequestFramesTests
{
    private static ProduceRequest Request(int bucket, int valueBytes = 10) =>
        new(Guid.NewGuid(), bucket, 1, "orders", Partition.Any, null, new byte[valueBytes], [], Timestamp.Default, ActorRefs.Nobody);

    [Fact]
    public void Requests_are_framed_per_bucket_in_the_order_they_came()
    {
        var frames = new RequestFrames(ActorRefs.Nobody, buckets: 16);
        var requests = Enumerable.Range(0, 10).Select(i => Request(i % 3)).ToList();

        Assert.All(requests, r => Assert.Null(frames.Add(r)));
        var drained = frames.Drain();

        Assert.Equal(3, drained.Count);
        foreach (var frame in drained)
            Assert.Equal(requests.Where(r => r.Bucket == frame.Bucket), frame.Requests);
        Assert.True(frames.IsEmpty);
    }

    [Fact]
    public void A_frame_goes_as_soon_as_it_holds_its_maximum_of_records()
    {
        var frames = new RequestFrames(ActorRefs.Nobody, buckets: 16);

        var full = Enumerable.Range(0, RequestFrames.MaxRecords + 5).Select(_ => frames.Add(Request(7))).OfType<ProduceFrame>().Single();

        Assert.Equal(RequestFrames.MaxRecords, full.Requests.Count);
        Assert.Equal(5, frames.Drain().Single().Requests.Count);
    }

    [Fact]
    public void A_frame_never_grows_past_its_byte_bound_a_large_record_starts_the_next_one()
    {
        var frames = new RequestFrames(ActorRefs.Nobody, buckets: 16);
        var big = RequestFrames.MaxBytes / 3;

        var sent = Enumerable.Range(0, 4).Select(_ => frames.Add(Request(1, big))).OfType<ProduceFrame>().ToList();

        var first = Assert.Single(sent);
        Assert.Equal(2, first.Requests.Count); // a third would pass MaxBytes
        Assert.Equal(2, frames.Drain().Single().Requests.Count);
    }
}
