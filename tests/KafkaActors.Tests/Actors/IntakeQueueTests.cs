using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Xunit;

namespace KafkaActors.Tests.Actors;

/// <summary>
/// The intake's wake-up handshake with its source, under a writer that keeps the queue empty, full and in between:
/// every item comes out once, in order, and the stream completes when the intake does. A lost wake-up shows as a
/// stream that never finishes (the safety timeout), a doubled one as an item out twice.
/// </summary>
public sealed class IntakeQueueTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("intake-queue", "akka.loglevel = WARNING");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(10_000)]
    public async Task Every_item_comes_out_once_in_order_and_the_source_completes_with_the_intake(int capacity)
    {
        const int count = 100_000;
        var intake = new Intake<int>(capacity);
        // A slow consumer now and then, so the writer meets a full queue as well as an empty one.
        var read = intake.Source()
            .Select(i => { if (i % 997 == 0) Thread.SpinWait(2_000); return i; })
            .RunWith(Sink.Seq<int>(), _system.Materializer());

        var refused = 0;
        var giveUp = DateTime.UtcNow.AddSeconds(60); // a safety net: a source that stopped reading leaves the writer spinning
        await Task.Run(() =>
        {
            for (var i = 0; i < count && DateTime.UtcNow < giveUp; i++)
            {
                while (!intake.TryAdd(i) && DateTime.UtcNow < giveUp) refused++;
                if (i % 101 == 0) Thread.Yield(); // let the source run dry and wait
            }
            intake.Complete();
        });

        var items = await read.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, count), items);
        Assert.Equal(0, intake.Count);
        Assert.False(intake.TryAdd(-1), "a completed intake takes nothing more");
        if (capacity == 1) Assert.True(refused > 0, "a one-item intake must have been full at times");
    }

    [Fact]
    public async Task A_source_waiting_on_an_empty_intake_completes_when_the_intake_does()
    {
        var intake = new Intake<int>(8);
        var read = intake.Source().RunWith(Sink.Seq<int>(), _system.Materializer());
        Assert.True(intake.TryAdd(1));
        await Task.Delay(100); // not synchronisation: gives the source time to drain and start waiting (the case under test)
        intake.Complete();
        Assert.Equal([1], await read.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
