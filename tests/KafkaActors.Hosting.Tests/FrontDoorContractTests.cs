using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>
/// ProduceAsync serves any actor registered under a definition that answers Produce with IProduceReply
/// (a cluster front door, say), not only the producer actor WithKafkaProducer starts.
/// </summary>
public class FrontDoorContractTests : Akka.Hosting.TestKit.TestKit
{
    private sealed class FrontDoor() : KafkaProducerDefinition<FrontDoor, string, string, OrderRequest>("front-door");

    private TestProbe _frontDoor = null!;

    public FrontDoorContractTests(ITestOutputHelper output) : base(output: output)
    {
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithActors((system, registry) =>
            _frontDoor = RegisteredProbe.Register<FrontDoor>(system, registry, "front-door"));

    [Fact]
    public async Task The_reply_of_whatever_answers_under_the_definition_completes_the_call()
    {
        var door = Host.Services.GetRequiredService<IRequiredActor<FrontDoor>>();

        var call = door.ProduceAsync(ProducerEnvelope.Create("orders", "k", "v", new OrderRequest("request-1")), Cancel);
        var produce = _frontDoor.ExpectMsg<Produce<string, string, OrderRequest>>(TimeSpan.FromSeconds(10), cancellationToken: Cancel);
        Assert.False(call.IsCompleted);
        _frontDoor.LastSender.Tell("not a reply");   // ignored: only an IProduceReply of these types answers
        _frontDoor.LastSender.Tell(new ProduceRejected<string, string, OrderRequest>(produce.Envelope, "pending set full"));

        var rejected = Assert.IsType<ProduceRejected<string, string, OrderRequest>>(await call);
        Assert.Same(produce.Envelope, rejected.Envelope);
        Assert.Equal("pending set full", rejected.Reason);
    }
}
