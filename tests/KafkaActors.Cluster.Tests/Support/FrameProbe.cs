using Akka.TestKit;
using KafkaActors.Cluster.Protocol;
using Xunit;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>A probe standing in for the bucket region, read one request at a time whatever frames they came in.</summary>
internal sealed class FrameProbe(TestProbe probe)
{
    private readonly Queue<ProduceRequest> _requests = new();

    public int Frames { get; private set; }

    public ProduceRequest ExpectRequest()
    {
        if (_requests.Count == 0)
        {
            var frame = probe.ExpectMsg<ProduceFrame>();
            Frames++;
            Assert.All(frame.Requests, r => Assert.Equal((frame.Bucket, frame.ReplyTo), (r.Bucket, r.ReplyTo)));
            foreach (var request in frame.Requests) _requests.Enqueue(request);
        }
        return _requests.Dequeue();
    }

    public void ExpectNoRequest(TimeSpan within)
    {
        Assert.Empty(_requests);
        probe.ExpectNoMsg(within);
    }
}
