using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using KafkaActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>
/// ProduceAsync's reply targets: a caller that gives up gets a cancelled task at once, and neither a
/// cancelled nor an answered call leaves anything behind once its record is terminal.
/// </summary>
public class ProduceAsyncTests : Akka.Hosting.TestKit.TestKit
{
    private const int Calls = 2_000;
    private sealed class Delivered;

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly ITestOutputHelper _output;
    private TestProbe _delivered = null!;

    public ProduceAsyncTests(ITestOutputHelper output) : base(output: output)
    {
        _output = output;
        _kafka.CreateTopic("orders", 2);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        var bootstrap = _kafka.BootstrapServers;
        builder
            .WithActors((system, registry) =>
                _delivered = RegisteredProbe.Register<Delivered>(system, registry, "delivered"))
            .WithKafkaProducer(new Orders(), p => p
                .WithOptions(o =>
                {
                    o.BootstrapServers = bootstrap;
                    o.Actor.CloseTimeout = TimeSpan.FromSeconds(1); // a stopping producer gives up on records in flight sooner
                })
                .WithSuccessActor<Delivered>());
    }

    private async Task<IActorRef> ProducerAsync()
    {
        var orders = Host.Services.GetRequiredService<IRequiredActor<Orders>>();
        Assert.IsType<Produced<string, string, OrderRequest>>(await orders.ProduceAsync(Envelope(-1), Cancel)); // connected
        _delivered.ExpectMsg<Produced<string, string, OrderRequest>>(TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        return await orders.GetAsync(Cancel);
    }

    private static ProducerEnvelope<string, string, OrderRequest> Envelope(int i) =>
        ProducerEnvelope.Create("orders", $"key-{i % 50}", $"value-{i}", new OrderRequest($"request-{i}"));

    [Fact]
    public async Task Callers_that_give_up_get_cancelled_tasks_and_leave_nothing_behind_once_the_records_are_delivered()
    {
        var producer = await ProducerAsync();
        _kafka.SetBrokerDown(1); // the records stay in flight until the broker is back
        using var giveUp = new CancellationTokenSource();

        var targets = Enumerable.Range(0, Calls).Select(i => ProducerRequiredActorExtensions.Send(producer, Envelope(i), giveUp.Token)).ToList();
        var replies = targets.Select(t => t.Reply).ToList();
        var alive = targets.Select(t => new WeakReference(t)).ToList();
        targets.Clear();
        giveUp.Cancel();

        await Task.WhenAll(replies.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.All(replies, r => Assert.True(r.IsCanceled));
        var heldWhileInFlight = Alive(alive);
        _output.WriteLine($"{Calls} calls given up; reply targets still held by the producer while their records are in flight: {heldWhileInFlight}");
        Assert.Equal(Calls, heldWhileInFlight); // what the measurement below would see if the producer leaked them

        _kafka.SetBrokerUp(1);
        _delivered.ReceiveN(Calls, TimeSpan.FromSeconds(120), Cancel);

        await AwaitAssertAsync(() => Assert.Equal(0, Alive(alive)), TimeSpan.FromSeconds(30), cancellationToken: Cancel);
        _output.WriteLine($"after delivery: {Alive(alive)} of {Calls} reply targets reachable");
    }

    [Fact]
    public async Task Answered_calls_on_a_long_lived_token_leave_no_registration_behind()
    {
        var producer = await ProducerAsync();
        using var appStopping = new CancellationTokenSource(); // never cancelled, like an application's stopping token

        var targets = Enumerable.Range(0, Calls).Select(i => ProducerRequiredActorExtensions.Send(producer, Envelope(i), appStopping.Token)).ToList();
        var replies = await Task.WhenAll(targets.Select(t => t.Reply));
        var alive = targets.Select(t => new WeakReference(t)).ToList();
        targets.Clear();

        Assert.All(replies, r => Assert.IsType<Produced<string, string, OrderRequest>>(r));
        Assert.Equal(Enumerable.Range(0, Calls).Select(i => $"request-{i}"), replies.Select(r => r.Envelope.Context.RequestId));
        _delivered.ReceiveN(Calls, TimeSpan.FromSeconds(60), Cancel);
        await AwaitAssertAsync(() => Assert.Equal(0, Alive(alive)), TimeSpan.FromSeconds(30), cancellationToken: Cancel);
    }

    [Fact]
    public async Task A_call_with_a_token_already_cancelled_sends_nothing()
    {
        var producer = await ProducerAsync();

        var target = ProducerRequiredActorExtensions.Send(producer, Envelope(1), new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.Reply);
        _delivered.ExpectNoMsg(TimeSpan.FromMilliseconds(500), Cancel);
    }

    [Fact]
    public async Task A_stopping_producer_answers_ProduceAsync_with_a_rejection_at_once()
    {
        var producer = await ProducerAsync();
        var orders = Host.Services.GetRequiredService<IRequiredActor<Orders>>();
        _kafka.SetBrokerDown(1);
        var inFlight = orders.ProduceAsync(Envelope(6), Cancel); // keeps the stopping producer waiting for its close-timeout

        producer.Tell(StopProducing.Instance);
        var reply = await orders.ProduceAsync(Envelope(7), Cancel);

        var rejected = Assert.IsType<ProduceRejected<string, string, OrderRequest>>(reply);
        Assert.Equal("request-7", rejected.Envelope.Context.RequestId);
        Assert.Equal("the producer is shutting down", rejected.Reason);
        Assert.IsType<DeadLettered<string, string, OrderRequest>>(await inFlight); // Shutdown, after close-timeout
    }

    [Fact]
    public async Task A_producer_that_has_stopped_answers_ProduceAsync_with_a_rejection_at_once()
    {
        var producer = await ProducerAsync();
        var orders = Host.Services.GetRequiredService<IRequiredActor<Orders>>();
        Watch(producer);
        producer.Tell(StopProducing.Instance, TestActor);
        ExpectMsg<Akka.Done>(TimeSpan.FromSeconds(30), cancellationToken: Cancel); // stopped producing
        ExpectTerminated(producer, TimeSpan.FromSeconds(30), cancellationToken: Cancel);

        var reply = await orders.ProduceAsync(Envelope(8), Cancel);

        Assert.Equal("the producer has stopped", Assert.IsType<ProduceRejected<string, string, OrderRequest>>(reply).Reason);
    }

    private static int Alive(List<WeakReference> references)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return references.Count(r => r.IsAlive);
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _kafka.Dispose();
    }
}
