using System.Diagnostics;
using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>
/// The waker the sender thread's idle Poll relies on, over the pinned Confluent.Kafka and its librdkafka: it can be made
/// (an upgrade that hides the native handle elsewhere fails here, not as a slower stage), and it ends a Poll at once.
/// </summary>
public sealed class PollWakerTests : IDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();

    [Fact]
    public void This_Confluent_Kafka_exposes_what_a_waker_needs()
    {
        Assert.True(PollWaker.Available, $"librdkafka loaded from {NativeLibrdkafka.LoadedFrom ?? "nowhere"}; Confluent.Kafka's Handle has no LibrdkafkaHandle");
        using var producer = ManuallyPolled();
        using var waker = PollWaker.For(producer);
        Assert.NotNull(waker);
    }

    [Fact]
    public async Task Wake_ends_a_Poll_that_would_wait_minutes()
    {
        using var producer = ManuallyPolled();
        using var waker = PollWaker.For(producer)!;
        var polling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var poll = Task.Factory.StartNew(() =>
        {
            polling.SetResult();
            var clock = Stopwatch.StartNew();
            producer.Poll(LongPoll);
            return clock.Elapsed;
        }, TaskCreationOptions.LongRunning);
        await polling.Task;

        // Whether the Poll is already waiting or about to: a yield either ends the wait or the next one, at once.
        waker.Wake();

        var waited = await poll.WaitAsync(Timeout);
        Assert.True(waited < Timeout, $"Poll returned after {waited}");
    }

    [Fact]
    public async Task A_waker_disposed_before_its_producer_leaves_the_producer_whole()
    {
        var producer = ManuallyPolled();
        PollWaker.For(producer)!.Dispose();

        var delivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var topic = TestTopic.NewName("waker");
        _kafka.CreateTopic(topic);
        producer.Produce(topic, new Message<Null, string> { Value = "after" }, report => delivered.TrySetResult(!report.Error.IsError));
        Assert.Equal(0, producer.Flush(Timeout));
        Assert.True(await delivered.Task.WaitAsync(Timeout));
        producer.Dispose();
    }

    private IProducer<Null, string> ManuallyPolled(params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _kafka.BootstrapServers,
            ["dotnet.producer.enable.background.poll"] = "false",
        };
        foreach (var (key, value) in extra) properties[key] = value;
        return new ProducerBuilder<Null, string>(properties).Build();
    }

    public void Dispose() => _kafka.Dispose();
}
