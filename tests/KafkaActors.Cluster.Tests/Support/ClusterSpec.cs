using Akka.Actor;
using Akka.Cluster;
using KafkaActors.Cli.Node;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>
/// Base for multi-node tests: one embedded broker, a topic with several partitions, and real ActorSystems
/// joined over Akka.Remote on 127.0.0.1 with OS-chosen ports. Failure detection and the split-brain
/// resolver are tuned so a killed node is downed in seconds, yet a busy 2-core machine does not down a
/// live one.
/// </summary>
public abstract class ClusterSpec : IAsyncLifetime
{
    protected const string Topic = "orders";
    protected const int Partitions = 6;
    private const string SystemName = "kafka-actors-cluster";

    private static readonly string NodeHocon = $"""
        {InProcessNode.KillableConfig}
        {ClusterNode.LocalClusterHocon}
        kafka-actors.actor.intake-buffer-size = 100000
        """;

    private readonly List<InProcessNode> _nodes = new();

    protected ClusterSpec(ITestOutputHelper output)
    {
        Output = output;
        Kafka = EmbeddedKafka.Start();
        Kafka.CreateTopic(Topic, Partitions);
    }

    protected ITestOutputHelper Output { get; }

    protected EmbeddedKafka Kafka { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.Kill()));
        Kafka.Dispose();
    }

    /// <summary>Starts nodes one after the other, joins them, and returns once each sees all of them Up, producers started.</summary>
    private protected async Task<IReadOnlyList<InProcessNode>> StartNodes(int count, params string[] roles)
    {
        var started = new List<InProcessNode>();
        for (var i = 0; i < count; i++) started.Add(await Join(roles, startProducers: false));
        await AllUp(started);
        foreach (var node in started) node.StartProducers();
        return started;
    }

    /// <summary>Adds a node to the running cluster (seeded by the oldest live node) and waits until it is Up.</summary>
    private protected async Task<InProcessNode> Join(string[] roles, bool startProducers = true)
    {
        var seed = _nodes.FirstOrDefault(n => !n.System.WhenTerminated.IsCompleted)?.Address;
        var node = InProcessNode.Start(SystemName, InProcessNode.ConfigFor(Kafka.BootstrapServers, roles.Length == 0 ? ["kafka-producer"] : roles, NodeHocon), seed);
        _nodes.Add(node);
        await Eventually.Within(node.Up().ContinueWith(_ => true), TimeSpan.FromSeconds(30), $"node {node.Address} Up");
        if (startProducers) node.StartProducers();
        return node;
    }

    private protected static Task AllUp(IReadOnlyList<InProcessNode> nodes) =>
        Eventually.True(() => nodes.All(n => n.Cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == nodes.Count),
            TimeSpan.FromSeconds(30), $"all {nodes.Count} nodes see each other Up");

    /// <summary>Waits until every node in <paramref name="survivors"/> has removed <paramref name="gone"/> from its membership.</summary>
    private protected static Task Removed(IEnumerable<InProcessNode> survivors, Address gone) =>
        Eventually.True(() => survivors.All(n => n.Cluster.State.Members.All(m => !m.Address.Equals(gone))),
            TimeSpan.FromSeconds(60), $"{gone} removed from the cluster");

    /// <summary>
    /// Submits <paramref name="count"/> records through a front door on <paramref name="node"/>. Keys are
    /// private to the node (<c>n{node}-k{i % keys}</c>) so "submission order" per key is well defined;
    /// the context is the record's sequence number.
    /// </summary>
    private protected static Submissions Submit(InProcessNode node, int nodeIndex, int count, int keys = 100, int window = 1000, int firstSequence = 0)
    {
        var frontDoor = node.Producers!.CreateFrontDoor<string, string, int>();
        var log = new ReplyLog();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.System.ActorOf(Props.Create(() => new RecordDriver<string, string>(frontDoor, count,
            i => ProducerEnvelope.Create(Topic, $"n{nodeIndex}-k{(firstSequence + i) % keys}", $"n{nodeIndex}-v{firstSequence + i}", firstSequence + i),
            log, window, done)));
        return new Submissions(nodeIndex, frontDoor, done.Task.ContinueWith(_ => log, TaskContinuationOptions.OnlyOnRanToCompletion), log);
    }

    /// <summary>
    /// Three producer nodes; nodes 0 and 1 submit <paramref name="perNode"/> records each (node 2 too, when
    /// <paramref name="node2Submits"/>); once a fifth is answered, <paramref name="change"/> happens to node 2.
    /// Returns when every record from nodes 0 and 1 is answered and node 2 is out of the cluster, having
    /// checked that all were delivered and that every one of their record ids is in the topic.
    /// </summary>
    private protected async Task<MembershipChange> SubmitThroughAChangeOfNode2(Func<InProcessNode, Task> change, int perNode, bool node2Submits)
    {
        var nodes = await StartNodes(3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = new[] { Submit(nodes[0], 0, perNode, window: 500), Submit(nodes[1], 1, perNode, window: 500) };
        if (node2Submits) Submit(nodes[2], 2, perNode, window: 500);

        await Eventually.True(() => runs.All(s => s.Answered >= perNode / 5), TimeSpan.FromSeconds(60), "a fifth of the records answered");
        var changed = nodes[2].Address;
        var changing = change(nodes[2]);
        var changedAt = clock.Elapsed;
        var results = await Eventually.Within(Task.WhenAll(runs.Select(s => s.Run)), TimeSpan.FromSeconds(120), "every record from nodes 0 and 1 answered");
        var answeredAt = clock.Elapsed;
        await Eventually.Within(changing.ContinueWith(_ => true), TimeSpan.FromSeconds(60), "the change of node 2 done");
        await Removed(nodes.Take(2), changed);

        var delivered = results.SelectMany(r => OutcomeChecks.AllDelivered(r, perNode)).ToList();
        var stored = ReadTopic();
        var duplicates = OutcomeChecks.EverySubmittedIdStored(results.SelectMany(r => r.Replies), stored);
        var stats = await Task.WhenAll(runs.Select(s => s.Stats()));
        return new MembershipChange(changed, changedAt, answeredAt, delivered, stored.Count, duplicates,
            stats.Sum(s => s.Resubmissions), stats.Sum(s => s.DuplicateResults), stats.Sum(s => s.OrderAtRisk));
    }

    protected IReadOnlyList<StoredRecord> ReadTopic() => TopicContents.ReadToEnd(Kafka.BootstrapServers, Topic, Partitions, TimeSpan.FromSeconds(60));
}

/// <summary>What a run through a membership change saw.</summary>
internal sealed record MembershipChange(
    Address Node,
    TimeSpan ChangedAt,
    TimeSpan AllAnsweredAt,
    IReadOnlyList<Produced<string, string, int>> Delivered,
    int Stored,
    int DuplicatesInTopic,
    long Resubmissions,
    long DuplicateResults,
    long OrderAtRisk)
{
    /// <summary>Keys whose delivered offsets do not follow submission order.</summary>
    public int KeysOutOfOrder => OutcomeChecks.KeysOutOfOrder(Delivered);

    public override string ToString() =>
        $"{Node} changed at {ChangedAt.TotalSeconds:F1} s; all {Delivered.Count} records answered at {AllAnsweredAt.TotalSeconds:F1} s; " +
        $"stored {Stored}, duplicates in topic {DuplicatesInTopic}; re-submissions {Resubmissions}, duplicate results dropped {DuplicateResults}; " +
        $"keys out of order {KeysOutOfOrder}, records sent again behind a later one of their key (order at risk) {OrderAtRisk}";
}

/// <summary>Records submitted from one node, in flight or done.</summary>
internal sealed record Submissions(int Node, IActorRef FrontDoor, Task<ReplyLog> Run, ReplyLog Log)
{
    public long Answered => Log.AnsweredCount;

    public Task<SubmitterStats> Stats() => FrontDoor.Ask<SubmitterStats>(GetSubmitterStats.Instance, TimeSpan.FromSeconds(10));
}
