using System.Threading.Channels;
using Akka.Actor;

namespace KafkaActors.Cli.Produce;

/// <summary>The sender of every Produce: hands each reply from the producer actor to the command's report loop.</summary>
internal sealed class ReplyInbox : ReceiveActor
{
    public ReplyInbox(ChannelWriter<LineResult> results)
    {
        Receive<IProduceReply<byte[]?, byte[], InputLine>>(reply => results.TryWrite(new LineResult.Replied(reply)));
    }
}
