using Akka.Actor;
using Akka.Hosting;
using KafkaActors.Hosting;
using KafkaActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>The hosted producer's health check follows a broker outage on the embedded broker, and the producer's stop.</summary>
public class ProducerHealthCheckTests : Akka.Hosting.TestKit.TestKit
{
    private sealed class Orders() : KafkaProducerDefinition<Orders, string, string, int>("orders");

    private const string Topic = "health-orders";
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();

    public ProducerHealthCheckTests(ITestOutputHelper output) : base(output: output) => _kafka.CreateTopic(Topic);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected override void ConfigureServices(HostBuilderContext context, IServiceCollection services)
    {
        #region readme-health-check
        services.AddHealthChecks()
            .AddKafkaProducer(new Orders(), new KafkaProducerHealthThresholds(DegradedPendingRetries: 100, AnswerTimeout: TimeSpan.FromSeconds(5)));
        #endregion
        services.AddHealthChecks().AddKafkaProducer(new Orders(), KafkaProducerHealthThresholds.Default with { DegradedPendingRetries = 0 }, name: "kafka-orders-no-retries");
        base.ConfigureServices(context, services);
    }

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        var bootstrap = _kafka.BootstrapServers;
        builder.WithKafkaProducer(new Orders(), producer => producer.WithOptions(o =>
        {
            o.BootstrapServers = bootstrap;
            o.Producer.KafkaClients["linger.ms"] = "0";
            o.Producer.KafkaClients["reconnect.backoff.max.ms"] = "200";
            o.Producer.KafkaClients["retries"] = "0"; // broker errors reach the retry supervisor
            o.Producer.KafkaClients["enable.idempotence"] = "false";
            o.Producer.KafkaClients["max.in.flight.requests.per.connection"] = "1"; // key order on needs it without idempotence
            o.Retry.MinBackoff = o.Retry.MaxBackoff = TimeSpan.FromSeconds(2);
        }));
    }

    [Fact]
    public async Task Health_is_Healthy_then_Degraded_while_the_brokers_are_down_then_Healthy_and_Unhealthy_once_stopped()
    {
        var orders = await ActorRegistry.GetAsync<Orders>(Cancel);
        await orders.Ask<Produced<string, string, int>>(Produce.Create(Topic, "k", "before", 1), TimeSpan.FromSeconds(30), Cancel);
        var healthy = await Check();
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(0, healthy.Data["outstanding"]);

        _kafka.SetBrokerDown(1);
        var during = orders.Ask<Produced<string, string, int>>(Produce.Create(Topic, "k", "during", 2), TimeSpan.FromSeconds(60), Cancel);
        var degraded = await Until(HealthStatus.Degraded);
        Assert.Contains("all brokers down since", degraded.Description);
        Assert.True(degraded.Data.ContainsKey("brokers_down_since"));
        Assert.Equal(1, degraded.Data["outstanding"]);

        _kafka.SetBrokerUp(1);
        await during;
        Assert.Equal(HealthStatus.Healthy, (await Check()).Status);

        await orders.Ask<Akka.Done>(StopProducing.Instance, TimeSpan.FromSeconds(30), Cancel);
        var stopped = await Until(HealthStatus.Unhealthy);
        Assert.Contains("stop", stopped.Description);
    }

    [Fact]
    public async Task Retries_pending_beyond_the_threshold_are_Degraded_with_the_count()
    {
        var orders = await ActorRegistry.GetAsync<Orders>(Cancel);
        await orders.Ask<Produced<string, string, int>>(Produce.Create(Topic, "k", "first", 1), TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(HealthStatus.Healthy, (await Check("kafka-orders-no-retries")).Status);

        _kafka.PushProduceErrors(Confluent.Kafka.ErrorCode.RequestTimedOut);
        var retried = orders.Ask<Produced<string, string, int>>(Produce.Create(Topic, "k", "retried", 2), TimeSpan.FromSeconds(30), Cancel);
        var degraded = await Until(HealthStatus.Degraded, "kafka-orders-no-retries");
        Assert.Equal("1 records waiting for a retry (more than 0)", degraded.Description);
        Assert.Equal(1, degraded.Data["pending_retries"]);
        Assert.Equal(HealthStatus.Healthy, (await Check()).Status); // the default threshold is far away

        Assert.Equal(2, (await retried).Attempts);
        Assert.Equal(HealthStatus.Healthy, (await Check("kafka-orders-no-retries")).Status);
    }

    private async Task<HealthReportEntry> Check(string name = "kafka-producer-orders")
    {
        var report = await Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancel);
        return report.Entries[name];
    }

    private async Task<HealthReportEntry> Until(HealthStatus status, string name = "kafka-producer-orders")
    {
        HealthReportEntry entry = default;
        await AwaitAssertAsync(async () =>
        {
            entry = await Check(name);
            Assert.Equal(status, entry.Status);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), cancellationToken: Cancel);
        return entry;
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _kafka.Dispose();
    }
}
