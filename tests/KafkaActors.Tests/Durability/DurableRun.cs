using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using KafkaActors.Durability;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// One run of a durable producer: its own ActorSystem (as a process would have), the durable actor on the
/// given journal, and every reply it sends — to senders and for recovered records — collected by context.
/// </summary>
public sealed class DurableRun : IAsyncDisposable
{
    private readonly ConcurrentQueue<IProduceReply<byte[]?, byte[], int>> _replies = new();

    private DurableRun(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public IActorRef Producer { get; private set; } = ActorRefs.Nobody;

    /// <summary>Replies (and recovered records' replies) in arrival order.</summary>
    public IReadOnlyList<IProduceReply<byte[]?, byte[], int>> Replies => _replies.ToList();

    /// <summary>The actor that collects replies; send with it as sender.</summary>
    public IActorRef Inbox { get; private set; } = ActorRefs.Nobody;

    public static DurableRun Start(string bootstrapServers, DurabilitySettings durability, Func<ProducerActorSettings<byte[]?, byte[]>, ProducerActorSettings<byte[]?, byte[]>>? change = null)
    {
        var run = new DurableRun(ActorSystem.Create("durable", ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        var settings = ProducerActorSettings<byte[]?, byte[]>.Create(run.System)
            .WithProducer(p => p.WithBootstrapServers(bootstrapServers).WithFlushTimeout(TimeSpan.FromSeconds(1)))
            .WithRetry(r => r.WithBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), 0.2))
            .WithCloseTimeout(TimeSpan.FromSeconds(1));
        run.Inbox = run.System.ActorOf(Props.Create(() => new Collector(run._replies)), "inbox");
        run.Producer = run.System.ActorOf(DurableProducerActor.Props(change?.Invoke(settings) ?? settings, durability, run.Inbox, IntContext.Instance), "durable");
        return run;
    }

    public static ProducerEnvelope<byte[]?, byte[], int> Envelope(string topic, int id) =>
        ProducerEnvelope.Create<byte[]?, byte[], int>(topic, Encoding.UTF8.GetBytes($"key-{id % 7}"), Encoding.UTF8.GetBytes($"value-{id}"), id);

    public void Send(string topic, int id, bool acknowledge = true) =>
        Producer.Tell(acknowledge ? new ProduceWithAcceptance<int>(Envelope(topic, id)) : new Produce<byte[]?, byte[], int>(Envelope(topic, id)), Inbox);

    public IReadOnlyCollection<int> Contexts<TReply>() => Replies.OfType<TReply>().Cast<IProduceReply<byte[]?, byte[], int>>().Select(r => r.Envelope.Context).ToList();

    /// <summary>Waits until <paramref name="done"/> holds over the replies (a safety-net timeout, not a schedule).</summary>
    public async Task Until(Func<IReadOnlyList<IProduceReply<byte[]?, byte[], int>>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!done(Replies))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"replies so far: {string.Join(", ", Replies.GroupBy(r => r.GetType().Name.Split('`')[0]).Select(g => $"{g.Count()} {g.Key}"))}");
            await Task.Delay(20);
        }
    }

    public async Task StopGracefully()
    {
        await Producer.Ask<Akka.Done>(StopProducing.Instance, TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync() => await System.Terminate();

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<IProduceReply<byte[]?, byte[], int>> replies) =>
            Receive<IProduceReply<byte[]?, byte[], int>>(replies.Enqueue);
    }

    private sealed class IntContext : IDurableContext<int>
    {
        public static readonly IntContext Instance = new();

        public byte[] ToBytes(int context) => BitConverter.GetBytes(context);

        public int FromBytes(byte[] bytes) => BitConverter.ToInt32(bytes);
    }
}
