using Akka.Hosting;
using Akka.TestKit;
using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>Two named producers in one hosted system, on two clusters, resolved through their definitions.</summary>
public class HostedProducerTests : Akka.Hosting.TestKit.TestKit
{
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
            ["KafkaActors:Producers:audit:Producer:KafkaClients:linger.ms"] = "0",
        }).Build();
        builder.WithActors((system, registry) =>
            _confirmations = RegisteredProbe.Register<OrderConfirmations>(system, registry, "confirmations"));

        #region readme-hosting
        builder
            .WithKafkaProducer(new Orders(), producer => producer
                .WithOptions(o => o.BootstrapServers = ordersBootstrap)  // code wins over HOCON and appsettings
                .WithSuccessActor<OrderConfirmations>())                  // registered before, in WithActors
            .WithKafkaProducer(new Audit(), producer => producer
                .FromConfiguration(configuration.GetSection("KafkaActors:Producers:audit"))); // appsettings.json
        #endregion
    }

    [Fact]
    public async Task Producers_resolved_from_services_deliver_to_their_own_clusters_and_reply_with_the_context()
    {
        var services = Host.Services;
        #region readme-hosting-use
        var orders = services.GetRequiredService<IRequiredActor<Orders>>(); // or inject IRequiredActor<Orders>
        var reply = await orders.ProduceAsync(
            ProducerEnvelope.Create("orders", "order-1", "42 widgets", new OrderRequest("request-7")), Cancel);
        // Produced | DeadLettered | ProduceRejected, with your envelope and context; no Ask, no timeout to guess
        #endregion
        var audit = services.GetRequiredService<IRequiredActor<Audit>>();
        var entry = await audit.ProduceAsync(ProducerEnvelope.Create<Null, byte[], int>("audit", null!, [1, 2, 3], 99), Cancel);

        Assert.Equal("request-7", Assert.IsType<Produced<string, string, OrderRequest>>(reply).Envelope.Context.RequestId);
        Assert.Equal(99, Assert.IsType<Produced<Null, byte[], int>>(entry).Envelope.Context);
        Assert.Equal("42 widgets", TestConsumer.ReadAll(_ordersCluster.BootstrapServers, "orders", 1, TimeSpan.FromSeconds(30)).Single().Message.Value);
        Assert.Equal([1, 2, 3], TestConsumer.ReadAll<Ignore, byte[]>(_auditCluster.BootstrapServers, "audit", 1, TimeSpan.FromSeconds(30)).Single().Message.Value);
    }

    [Fact]
    public async Task The_registered_actor_answers_actors_too_and_the_success_actor_sees_the_delivery()
    {
        var orders = Host.Services.GetRequiredService<IRequiredActor<Orders>>();
        Assert.Equal("kafka-producer-orders", (await orders.GetAsync(Cancel)).Path.Name);

        orders.Produce(ProducerEnvelope.Create("orders", "order-2", "1 widget", new OrderRequest("request-8")), TestActor);

        var reply = ExpectMsg<Produced<string, string, OrderRequest>>(TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        var seen = _confirmations!.ExpectMsg<Produced<string, string, OrderRequest>>(TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        Assert.Same(reply.Envelope, seen.Envelope);
        Assert.Equal("request-8", seen.Envelope.Context.RequestId);
    }

    [Fact]
    public async Task An_undeliverable_record_comes_back_dead_lettered_through_ProduceAsync()
    {
        var orders = Host.Services.GetRequiredService<IRequiredActor<Orders>>();

        var reply = await orders.ProduceAsync(
            new ProducerEnvelope<string, string, OrderRequest>("orders", new Partition(99), new Message<string, string> { Key = "k", Value = "v" },
                new OrderRequest("request-9")), Cancel);

        var deadLettered = Assert.IsType<DeadLettered<string, string, OrderRequest>>(reply);
        Assert.Equal("request-9", deadLettered.Envelope.Context.RequestId);
        Assert.Equal(ErrorCode.Local_UnknownPartition, deadLettered.LastError?.Code);
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _ordersCluster.Dispose();
        _auditCluster.Dispose();
    }
}
