using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Akka.Actor;
using KafkaActors.Cli.Bench;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Cluster;

namespace KafkaActors.Cli.Node;

/// <summary>
/// <c>kafka-actors node</c>: hosts one cluster node on this machine's loopback (a producer node unless
/// <c>--submit-only</c>), optionally submits records through a front door once enough members are Up,
/// and stays in the cluster until end of input or Ctrl-C/SIGTERM, then leaves gracefully. Prints
/// <c>up ADDRESS</c> first, <c>started</c> when its records start, then the lines of <see cref="OutcomeLines"/>.
/// </summary>
internal static class NodeCommand
{
    private static readonly string Padding = new('x', 64);

    // A bound, not a wait: a node that keeps compiling (a loaded machine) starts measuring anyway.
    private const int MaxWarmUpRounds = 20;

    // The producer node compiles too, and its JIT is not visible here: a few rounds whatever this node says.
    private const int MinWarmUpRounds = 3;

    public static Command Create(CliConsole console)
    {
        var port = CountOption.Create("--port", "Remoting port on 127.0.0.1; 0 lets the OS pick one", 0, minimum: 0);
        var seed = new Option<Address?>("--seed")
        {
            Description = "A running node to join, as 127.0.0.1:PORT; without it this node forms a new cluster",
            HelpName = "127.0.0.1:port",
            CustomParser = ParseSeed,
        };
        var bootstrap = new Option<string?>("--bootstrap-servers", "-b") { Description = "Kafka bootstrap servers (needed unless --submit-only)" };
        var submitOnly = new Option<bool>("--submit-only") { Description = $"Do not host a producer (no '{ClusterNode.ProducerRole}' role): only submit" };
        var members = CountOption.Create("--await-members", "Start producing and submitting once this many members are Up", 1, minimum: 1);
        var topic = new Option<string>("--topic") { Description = "Topic of the submitted records", DefaultValueFactory = _ => "orders" };
        var records = CountOption.Create("--records", "Records to submit from this node (about 100 bytes each)", 0, minimum: 0, "-n");
        var keys = CountOption.Create("--keys", "Distinct keys (prefixed by this node's port); 0 sends records without a key", 1_000, minimum: 0);
        var window = CountOption.Create("--window", "Submitted records without an answer, at most", 1_000, minimum: 1);
        var perRecord = new Option<bool>("--print-outcomes") { Description = "One 'outcome ...' line per record" };
        var warmUp = CountOption.Create("--warm-up", "Records per warm-up round, sent first, not measured nor printed (their keys are the node's own 'warm-up' keys); rounds go on until the JIT is done tiering up", 1, minimum: 1);
        var command = new Command("node",
            "Host one cluster node on 127.0.0.1 (loopback only) until end of input or Ctrl-C: a producer node, " +
            "optionally submitting --records through a front door. Prints 'up ADDRESS', 'started', " +
            "'outcome SEQ delivered KEY PARTITION OFFSET RECORD-ID' (with --print-outcomes) and 'done ANSWERED DELIVERED DEAD-LETTERED ELAPSED-MS RESUBMISSIONS DUPLICATE-RESULTS ORDER-AT-RISK ALLOCATED-BYTES'")
        {
            port, seed, bootstrap, submitOnly, members, topic, records, keys, window, perRecord, warmUp,
        };
        command.SetAction((parse, ct) =>
        {
            var produces = !parse.GetValue(submitOnly);
            var servers = parse.GetValue(bootstrap);
            if (produces && string.IsNullOrWhiteSpace(servers))
                throw new CliFailure("a producer node needs --bootstrap-servers (or pass --submit-only)", ExitCodes.Usage);
            var work = new NodeWork(parse.GetValue(topic)!, parse.GetValue(records), parse.GetValue(keys), parse.GetValue(window), parse.GetValue(perRecord), parse.GetValue(warmUp));
            return RunAsync(console, parse.GetValue(port), parse.GetValue(seed), produces, servers, parse.GetValue(members), work, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, int port, Address? seed, bool produces, string? servers,
        int members, NodeWork work, CancellationToken ct)
    {
        var node = await ClusterNode.StartAsync(port, seed, produces, servers, work.Window, ct);
        try
        {
            await console.Out.WriteLineAsync($"up {node.Address}");
            await node.AwaitMembersUp(members, ct);
            var frontDoor = ClusterProducing.Start(node.System).CreateFrontDoor<string, string, int>();
            if (work.Records > 0) await SubmitAsync(console, node, frontDoor, work, ct);
            await UntilEndOfInput(console.In, ct);
            return ExitCodes.Ok;
        }
        finally
        {
            // Leave on every way out but a second signal: buckets move, records in flight finish.
            await node.LeaveAsync();
        }
    }

    private static async Task SubmitAsync(CliConsole console, ClusterNode node, IActorRef frontDoor, NodeWork work, CancellationToken ct)
    {
        var prefix = node.Address.Port!.Value.ToString(CultureInfo.InvariantCulture);
        Func<int, ProducerEnvelope<string, string, int>> record = i => ProducerEnvelope.Create(work.Topic,
            work.Keys == 0 ? null! : $"{prefix}-k{i % work.Keys:D4}", $"value-{i:D12}-{Padding}", i);

        await WarmUp(node, frontDoor, work, prefix, ct);

        var lines = new OutcomeLines(console.Out, work.PerRecord);
        await console.Out.WriteLineAsync("started");
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        await Drive(node, frontDoor, work.Records, record, lines, work.Window, ct);
        var elapsed = clock.Elapsed;
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        lines.Done(elapsed, await frontDoor.Ask<SubmitterStats>(GetSubmitterStats.Instance, TimeSpan.FromSeconds(30), ct), allocated);
    }

    /// <summary>
    /// Records first, not counted: the producer connects, the sharding coordinator places buckets, and the JIT
    /// tiers up. Rounds go on until one spends under 1% of its time compiling: after a fixed tenth of the records,
    /// most of the path still ran tier-0 or instrumented code (15-19 us of CPU per record instead of ~5.5, 2026-12-01).
    /// </summary>
    private static async Task WarmUp(ClusterNode node, IActorRef frontDoor, NodeWork work, string prefix, CancellationToken ct)
    {
        for (var round = 1; ; round++)
        {
            var (jit, clock) = (JitInfo.GetCompilationTime(), Stopwatch.StartNew());
            var warmUp = new DeliveryTally<string, string>();
            await Drive(node, frontDoor, work.WarmUp, i => ProducerEnvelope.Create(work.Topic, $"{prefix}-warm-up-{i % 100}", "warm-up", i), warmUp, work.Window, ct);
            if (warmUp.Count.Delivered != work.WarmUp) throw new CliFailure($"not every warm-up record was delivered: {warmUp.FirstFailure}");
            var compiling = (JitInfo.GetCompilationTime() - jit) / clock.Elapsed;
            if ((compiling < 0.01 && round >= MinWarmUpRounds) || round == MaxWarmUpRounds) return;
        }
    }

    private static async Task Drive(ClusterNode node, IActorRef frontDoor, int count, Func<int, ProducerEnvelope<string, string, int>> record,
        IOutcomeSink<string, string> sink, int window, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.System.ActorOf(Props.Create(() => new RecordDriver<string, string>(frontDoor, count, record, sink, window, done)));
        await done.Task.WaitAsync(ct);
    }

    // Console input cannot be cancelled once a read is blocked: read on the pool and stop waiting on a signal.
    private static async Task UntilEndOfInput(TextReader input, CancellationToken ct)
    {
        try
        {
            while (await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(ct) is not null)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Address? ParseSeed(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? "" : text[..colon];
        if (host is not (ClusterNode.Host or "localhost")
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seedPort) || seedPort is < 1 or > 65535)
        {
            result.AddError($"--seed takes a node on this machine's loopback as {ClusterNode.Host}:PORT, not '{text}'; e.g. --seed {ClusterNode.Host}:4711");
            return null;
        }
        return ClusterNode.AddressAt(seedPort);
    }

    private sealed record NodeWork(string Topic, int Records, int Keys, int Window, bool PerRecord, int WarmUp);
}
