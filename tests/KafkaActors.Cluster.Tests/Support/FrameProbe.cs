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
            // Through the region a bucket's frame; straight to a node (the probe stands for its inbox too) a node frame of them.
            var message = probe.ExpectMsg<IClusterWireMessage>(m => m is ProduceFrame or NodeFrame);
            Frames++;
            foreach (var frame in message is NodeFrame node ? node.Frames : [(ProduceFrame)message])
            {
                Assert.All(frame.Requests, r => Assert.Equal((frame.Bucket, frame.ReplyTo), (r.Bucket, r.ReplyTo)));
                foreach (var request in frame.Requests) _requests.Enqueue(request);
            }
        }
        return _requests.Dequeue();
    }

    public void ExpectNoRequest(TimeSpan within)
    {
        Assert.Empty(_requests);
        probe.ExpectNoMsg(within);
    }
}
