using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>
/// The stage's own delivery-report thread over a real producer (background poll off) on the embedded broker:
/// it serves the reports, wakes the reader per batch rather than per report, takes over a replacement producer and disposes the old one, and stops so its producer can be disposed.
/// </summary>
public sealed class DeliveryPollerTests : IDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly string _topic = TestTopic.NewName("poller");

    public DeliveryPollerTests() => _kafka.CreateTopic(_topic);

    [Fact]
    public async Task Reports_are_served_on_its_thread_and_wake_the_reader_per_batch_not_per_report()
    {
        const int records = 2_000;
        using var producer = ManuallyPolled();
        var wakeUps = 0;
        var taken = new ConcurrentQueue<int>();
        HandOffQueue<int>? reports = null;
        // A reader that is always ready: it takes on every wake-up, so each wake-up asked for is one made.
        reports = new HandOffQueue<int>(() =>
        {
            Interlocked.Increment(ref wakeUps);
            reports!.TakeAll(taken.Enqueue);
        });
        var threads = new ConcurrentDictionary<string, int>();
        var poller = new DeliveryPoller<Null, string>(producer, reports.EndBatch);

        for (var i = 0; i < records; i++)
        {
            var number = i;
            producer.Produce(_topic, new Message<Null, string> { Value = $"v{i}" }, report =>
            {
                threads.AddOrUpdate(Thread.CurrentThread.Name ?? "(unnamed)", 1, (_, n) => n + 1);
                if (!report.Error.IsError) reports.AddInBatch(number);
            });
        }

        await Eventually.AssertAsync(() => Assert.Equal(records, taken.Count), Timeout);
        Assert.True(poller.Stop(StopWait));
        Assert.Equal(Enumerable.Range(0, records), taken.Order());
        Assert.Equal(["kafka-actors-poll"], threads.Keys);
        // One wake-up per report is what Add would make for a reader this eager; batches make a handful per Poll.
        Assert.True(wakeUps < records / 4, $"{wakeUps} wake-ups for {records} reports");
    }

    [Fact]
    public async Task A_replaced_producer_is_disposed_and_its_successor_polled()
    {
        var first = ManuallyPolled();
        using var second = ManuallyPolled();
        var poller = new DeliveryPoller<Null, string>(first, () => { });

        poller.Replace(second);
        var servedOn = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Produce(_topic, new Message<Null, string> { Value = "after" }, _ => servedOn.TrySetResult(Thread.CurrentThread.Name));

        Assert.Equal("kafka-actors-poll", await servedOn.Task.WaitAsync(Timeout));
        await Eventually.AssertAsync(() => Assert.True(IsDisposed(first), "the replaced producer is not disposed"), Timeout);
        Assert.True(poller.Stop(StopWait));
    }

    [Fact]
    public void Stopped_it_polls_no_more_so_reports_wait_for_the_owner_to_flush()
    {
        using var producer = ManuallyPolled();
        var poller = new DeliveryPoller<Null, string>(producer, () => { });
        Assert.True(poller.Stop(StopWait));

        string? servedOn = null;
        producer.Produce(_topic, new Message<Null, string> { Value = "late" }, _ => servedOn = Thread.CurrentThread.Name ?? "(test thread)");
        Assert.Equal(0, producer.Flush(Timeout));

        Assert.NotNull(servedOn);
        Assert.NotEqual("kafka-actors-poll", servedOn);
    }

    private IProducer<Null, string> ManuallyPolled() =>
        new ProducerBuilder<Null, string>(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _kafka.BootstrapServers,
            ["linger.ms"] = "5",
            ["dotnet.producer.enable.background.poll"] = "false",
        }).Build();

    private static bool IsDisposed(IProducer<Null, string> producer)
    {
        try
        {
            _ = producer.Name;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    public void Dispose() => _kafka.Dispose();
}
