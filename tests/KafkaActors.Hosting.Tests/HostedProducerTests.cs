using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using KafkaActors.Hosting;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;


namespace KafkaActors.Tests.Hosting;

/// <summary>Two named producers in one hosted system, on two clusters, resolved from the registry.</summary>
public class HostedProducerTests : Akka.Hosting.TestKit.TestKit
{
    private sealed class Orders;
    private sealed class Audit;
    private sealed class OrderConfirmations;

    private readonly EmbeddedKafka _ordersCluster = EmbeddedKafka.Start();
    private readonly EmbeddedKafka _auditCluster = EmbeddedKafka.Start();
    private TestProbe? _confirmations;

    public HostedProducerTests(ITestOutputHelper output) : base(output: output)
    {
        _ordersCluster.CreateTopic("orders", 2);
        _auditCluster.CreateTopic("audit");
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        var ordersBootstrap = _ordersCluster.BootstrapServers;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KafkaActors:Producers:audit:BootstrapServers"] = _auditCluster.BootstrapServers,
            ["KafkaActors:Producers:audit:KafkaClients:linger.ms"] = "0",
        }).Build();
        builder.WithActors((system, registry) =>
        {
            _confirmations = new TestProbe(system, new Akka.TestKit.Xunit.XunitAssertions(), "confirmations");
            registry.Register<OrderConfirmations>(_confirmations.Ref);
        });

        #region readme-hosting
        builder
            .WithKafkaProducer<Orders, string, string, string>("orders", producer => producer
                .WithOptions(o => o.BootstrapServers = ordersBootstrap)  // code wins over HOCON and appsettings
                .WithSuccessActor<OrderConfirmations>())                  // registered before, in WithActors
            .WithKafkaProducer<Audit, Null, byte[], int>("audit", producer => producer
                .FromConfiguration(configuration.GetSection("KafkaActors:Producers:audit"))); // appsettings.json
        #endregion
    }

    [Fact]
    public async Task Producers_resolved_from_the_registry_deliver_to_their_own_clusters_and_reply_with_the_context()
    {
        var services = Host.Services;
        #region readme-hosting-use
        var orders = await services.GetRequiredService<IRequiredActor<Orders>>().GetAsync(Cancel); // or inject IRequiredActor<Orders>
        #endregion
        var audit = await ActorRegistry.GetAsync<Audit>(Cancel);

        var order = await orders.Ask<IProduceReply<string, string, string>>(
            Produce.Create("orders", "order-1", "42 widgets", "request-7"), TimeSpan.FromSeconds(30), Cancel);
        var entry = await audit.Ask<IProduceReply<Null, byte[], int>>(
            Produce.Create<Null, byte[], int>("audit", null!, [1, 2, 3], 99), TimeSpan.FromSeconds(30), Cancel);

        var delivered = Assert.IsType<Produced<string, string, string>>(order);
        Assert.Equal("request-7", delivered.Envelope.Context);
        Assert.Equal(99, Assert.IsType<Produced<Null, byte[], int>>(entry).Envelope.Context);

        Assert.Equal("42 widgets", TestConsumer.ReadAll(_ordersCluster.BootstrapServers, "orders", 1, TimeSpan.FromSeconds(30)).Single().Message.Value);
        Assert.Equal([1, 2, 3], TestConsumer.ReadAll<Ignore, byte[]>(_auditCluster.BootstrapServers, "audit", 1, TimeSpan.FromSeconds(30)).Single().Message.Value);
    }

    [Fact]
    public async Task The_registered_success_actor_sees_the_delivery_too()
    {
        var orders = await ActorRegistry.GetAsync<Orders>(Cancel);
        orders.Tell(Produce.Create("orders", "order-2", "1 widget", "request-8"), TestActor);

        var reply = ExpectMsg<Produced<string, string, string>>(TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        var seen = _confirmations!.ExpectMsg<Produced<string, string, string>>(TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        Assert.Same(reply.Envelope, seen.Envelope);
        Assert.Equal("request-8", seen.Envelope.Context);
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _ordersCluster.Dispose();
        _auditCluster.Dispose();
    }
}
