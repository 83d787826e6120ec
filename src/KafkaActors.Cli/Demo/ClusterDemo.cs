using System.Globalization;
using KafkaActors.Cli.Node;
using KafkaActors.Cluster;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Demo;

/// <summary>
/// <c>kafka-actors demo --cluster</c>: three <c>kafka-actors node</c> processes on this machine's loopback
/// and one embedded broker, each submitting keyed records through its own front door; once one of the others
/// is a fifth through, the oldest node (it runs the sharding coordinator) is killed with SIGKILL. The
/// summary proves every record of the survivors was answered exactly once and, delivered, is on the topic.
/// </summary>
internal static class ClusterDemo
{
    private const string Topic = "demo-cluster-orders";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3); // a hung child, not a wait
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(CliConsole console, int perNode, int keys, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic(Topic, 6);
        var args = new List<string> { "-b", kafka.BootstrapServers, "--await-members", "3", "--topic", Topic, "--records", Text(perNode),
            "--keys", Text(keys), "--window", "300", "--print-outcomes" };
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.Add(NodeProcess.Start("node-0", args));
            var seed = await nodes[0].Up.WaitAsync(Patience, ct);
            nodes.AddRange([NodeProcess.Start("node-1", [.. args, "--seed", $"{ClusterNode.Host}:{Text(seed)}"]),
                NodeProcess.Start("node-2", [.. args, "--seed", $"{ClusterNode.Host}:{Text(seed)}"])]);
            await Task.WhenAll(nodes.Select(n => n.Up)).WaitAsync(Patience, ct);
            console.Error.WriteLine($"3 node processes up: {string.Join(", ", nodes)}; each submits {perNode:N0} records over {keys:N0} keys of its own");

            var survivors = nodes.Skip(1).ToList();
            while (!survivors.Any(n => n.Outcomes.Count >= perNode / 5)) await Task.Delay(50, ct);
            nodes[0].Kill();
            console.Error.WriteLine($"killed {nodes[0]} (the oldest: sharding coordinator) with SIGKILL; answers so far: {string.Join(", ", nodes.Select(n => n.Outcomes.Count))}");

            var done = await Task.WhenAll(survivors.Select(n => n.Done)).WaitAsync(Patience, ct);
            var (stored, _) = TopicAudit.Count(kafka.BootstrapServers, Topic, h => RecordIdHeader.TryGet(h, out var id) ? id : (Guid?)null, TimeSpan.FromMinutes(1), ct);
            var rows = survivors.Zip(done, (node, counts) => SurvivorRow.Of(node, counts, perNode, stored)).ToList();
            foreach (var row in rows) console.Out.WriteLine(row);
            var ok = rows.All(r => r.AllAccountedFor);
            console.Out.WriteLine(ok
                ? "every record of the survivors answered exactly once and every delivered one is on the topic"
                : "NOT every record is accounted for (see above)");
            foreach (var node in survivors)
            {
                node.Stop();
                await node.WaitForExitAsync(Patience);
            }
            return ok ? ExitCodes.Ok : ExitCodes.Failure;
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private static string Text(int value) => value.ToString(Numbers);

    /// <summary>One surviving node's records, as answered and as found on the topic.</summary>
    private sealed record SurvivorRow(string Node, int Submitted, int AnsweredOnce, int Delivered, int OnTopic, int Duplicates, long Resubmissions,
        long OrderAtRisk, int KeysOutOfOrder)
    {
        public bool AllAccountedFor => AnsweredOnce == Submitted && OnTopic == Delivered;

        public static SurvivorRow Of(NodeProcess node, long[] done, int submitted, Dictionary<Guid, int> stored)
        {
            var outcomes = node.Outcomes.ToList();
            var answeredOnce = outcomes.Select(o => o.Sequence).Distinct().Count() == outcomes.Count ? outcomes.Count : -1;
            var delivered = outcomes.Where(o => o.Delivered).ToList();
            var onTopic = delivered.Count(o => o.RecordId is { } id && stored.ContainsKey(id));
            var duplicates = delivered.Sum(o => o.RecordId is { } id && stored.TryGetValue(id, out var n) ? n - 1 : 0);
            return new SurvivorRow(node.Name, submitted, answeredOnce, delivered.Count, onTopic, duplicates, done[4], done[6], NodeOutcome.KeysOutOfOrder(delivered));
        }

        public override string ToString() => string.Create(Numbers,
            $"{Node}: {Submitted:N0} submitted, {(AnsweredOnce < 0 ? "SOME ANSWERED TWICE" : $"{AnsweredOnce:N0} answered once")}, {Delivered:N0} delivered, " +
            $"{OnTopic:N0} of them on the topic ({Duplicates:N0} extra copies), {Resubmissions:N0} re-submissions, " +
            $"{KeysOutOfOrder:N0} keys out of order ({OrderAtRisk:N0} records sent again behind a later one of their key)");
    }
}
