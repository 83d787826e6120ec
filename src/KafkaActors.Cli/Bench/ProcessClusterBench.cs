using System.Globalization;
using KafkaActors.Cli.Node;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// <c>kafka-actors bench --cluster</c> with real processes: the same keyed records through a one-node
/// cluster (one <c>kafka-actors node</c> process submitting to its own producer through a front door) and
/// through two node processes (submit on A, produce on B), interleaved, a fresh topic per run, one embedded
/// broker in this process. Each node's CPU is read from the OS between its <c>started</c> and <c>done</c> lines.
/// </summary>
internal static class ProcessClusterBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5); // a hung child, not a wait

    public static async Task<ProcessClusterBenchReport> RunAsync(EmbeddedKafka kafka, int records, int window, int rounds, int keys, Action<string> log, CancellationToken ct)
    {
        var oneNode = new List<ProcessRun>();
        var twoNodes = new List<ProcessRun>();
        for (var round = 1; round <= rounds; round++)
        {
            var work = Work(kafka, $"cluster-bench-process-one-{round}", records, keys, window);
            oneNode.Add(await OneNode(work, records, ct));
            log($"round {round} one-node cluster (1 process): {oneNode[^1]}");
            work = Work(kafka, $"cluster-bench-process-two-{round}", records, keys, window);
            twoNodes.Add(await TwoNodes(work, records, ct));
            log($"round {round} 2-node cluster (2 processes): {twoNodes[^1]}");
        }
        return new ProcessClusterBenchReport(records, keys, window, rounds, ProcessRun.Median(oneNode), ProcessRun.Median(twoNodes), DateTimeOffset.Now);
    }

    private static List<string> Work(EmbeddedKafka kafka, string topic, int records, int keys, int window)
    {
        kafka.CreateTopic(topic, BenchWorkload.Partitions);
        // A tenth of the records first, not measured: short-lived processes would otherwise measure the JIT
        // tiering up (a fifth of the submitting node's CPU in a 9 s run, perf 2026-12-01).
        return ["-b", kafka.BootstrapServers, "--topic", topic, "--records", Text(records), "--keys", Text(keys), "--window", Text(window),
            "--warm-up", Text(Math.Max(1, records / 10))];
    }

    private static async Task<ProcessRun> OneNode(List<string> work, int records, CancellationToken ct)
    {
        using var node = NodeProcess.Start("one-node", work);
        await node.Started.WaitAsync(Patience, ct);
        var cpu = node.CpuTime;
        var done = await node.Done.WaitAsync(Patience, ct);
        var run = ProcessRun.From(done, records, node.CpuTime - cpu, TimeSpan.Zero);
        await Stop(node, ct);
        return run;
    }

    private static async Task<ProcessRun> TwoNodes(List<string> work, int records, CancellationToken ct)
    {
        using var producer = NodeProcess.Start("producer", work.Take(2));
        var port = await producer.Up.WaitAsync(Patience, ct);
        using var submitter = NodeProcess.Start("submitter", [.. work, "--submit-only", "--seed", $"{ClusterNode.Host}:{Text(port)}", "--await-members", "2"]);
        await submitter.Started.WaitAsync(Patience, ct);
        var (submitterCpu, producerCpu) = (submitter.CpuTime, producer.CpuTime);
        var done = await submitter.Done.WaitAsync(Patience, ct);
        var run = ProcessRun.From(done, records, submitter.CpuTime - submitterCpu, producer.CpuTime - producerCpu);
        await Stop(submitter, ct);
        await Stop(producer, ct);
        return run;
    }

    private static async Task Stop(NodeProcess node, CancellationToken ct)
    {
        node.Stop();
        var exit = await node.WaitForExitAsync(Patience).WaitAsync(ct);
        if (exit != ExitCodes.Ok) throw new InvalidOperationException($"{node} exited with {exit}: {node.StandardError()}");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One measured run: records/s, and CPU per record on the submitting node and (2 nodes) on the producer node.</summary>
internal sealed record ProcessRun(double PerSecond, double SubmitterCpuMicros, double ProducerCpuMicros)
{
    public static ProcessRun From(long[] done, int records, TimeSpan submitterCpu, TimeSpan producerCpu)
    {
        if (done[1] != records) throw new InvalidOperationException($"{done[1]:N0} of {records:N0} records delivered, {done[2]:N0} dead-lettered");
        return new ProcessRun(records / (done[3] / 1000.0), submitterCpu.TotalMicroseconds / records, producerCpu.TotalMicroseconds / records);
    }

    /// <summary>The run with the median throughput (its CPU figures belong to it).</summary>
    public static ProcessRun Median(List<ProcessRun> runs) => runs.OrderBy(r => r.PerSecond).ElementAt(runs.Count / 2);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PerSecond:N0} records/s, CPU {SubmitterCpuMicros:N1} µs/record on the submitting node{(ProducerCpuMicros > 0 ? $", {ProducerCpuMicros:N1} µs/record on the producer node" : "")}");
}

/// <summary>The median runs of each side and the 2-node cluster's fraction of the one-node cluster.</summary>
internal sealed record ProcessClusterBenchReport(int Records, int Keys, int Window, int Rounds, ProcessRun OneNode, ProcessRun TwoNodes, DateTimeOffset Date)
{
    public double Ratio => TwoNodes.PerSecond / OneNode.PerSecond;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"real processes, {Records:N0} records ({(Keys == 0 ? "no key" : $"{Keys:N0} keys")}, {Window:N0} unanswered at most), {Rounds} interleaved round(s), median runs, {Date:yyyy-MM-dd HH:mm zzz}:\n" +
        $"  one-node cluster (1 process):                   {OneNode}\n" +
        $"  2-node cluster, submit on A, produce on B:      {TwoNodes}  ({Ratio:0.00}x one-node cluster)");
}
