using System.Text;
using KafkaActors.Tests.Cli;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// <c>produce --outbox</c> killed for real (SIGKILL to the child process) at different moments; a new process
/// with the same outbox finishes the work. Every line the report says was accepted is on the topic afterwards;
/// duplicates (at-least-once) are counted and reported. On SQLite (the file <c>--outbox</c> names) and on
/// PostgreSQL where a server is given.
/// </summary>
public sealed class OutboxCrashTests(ITestOutputHelper output) : ProduceSpec
{
    private const int Lines = 3_000;

    public static TheoryData<string> Databases => JournalDatabase.Available();

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_right_after_the_first_acceptance(string database) =>
        Trial(database, "first", async run =>
        {
            await run.Cli.WriteInputAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 50).Select(i => $"k{i % 10}:line-{i}\n"))));
            await AcceptedAtLeast(run, 1); // the rest of the input is never written
        }, fromStandardInput: true);

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_mid_batch_while_lines_are_accepted_and_delivered(string database) =>
        Trial(database, "mid-batch", async run => await AcceptedAtLeast(run, 1_200));

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_during_a_broker_outage(string database) =>
        Trial(database, "outage", async run =>
        {
            await AcceptedAtLeast(run, 300);
            Kafka.SetBrokerDown(1); // accepted from here on cannot be delivered before the kill
            await AcceptedAtLeast(run, 1_500);
        }, beforeRestart: () => Kafka.SetBrokerUp(1));

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_during_a_graceful_shutdown(string database) =>
        Trial(database, "shutdown", async run =>
        {
            Kafka.SetBrokerRtt(1, TimeSpan.FromMilliseconds(500)); // outcomes keep coming for a while after SIGTERM
            await AcceptedAtLeast(run, 800);
            var before = Report(run.Report).Count;
            run.Cli.Terminate();
            await Eventually.AssertAsync(() => Assert.True(Report(run.Report).Count > before), ReadBack); // stopping, and alive
            Assert.False(run.Cli.HasExited, "the run ended before the kill");
        }, beforeRestart: () => Kafka.SetBrokerRtt(1, TimeSpan.Zero));

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_again_while_recovering_what_an_earlier_kill_left(string database) =>
        Trial(database, "recovering", async run => await AcceptedAtLeast(run, 800), killRecovery: true);

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_at_a_random_moment(string database)
    {
        var seed = Environment.TickCount;
        var at = new Random(seed).Next(1, Lines / 2);
        output.WriteLine($"seed {seed}: kill after {at} accepted line(s)");
        return Trial(database, "random", async run => await AcceptedAtLeast(run, at));
    }

    private sealed record Run(CliProcess Cli, string Report);

    private async Task Trial(string database, string name, Func<Run, Task> untilKill, Action? beforeRestart = null,
        bool killRecovery = false, bool fromStandardInput = false)
    {
        var topic = $"outbox-{name}";
        Kafka.CreateTopic(topic, 3);
        var input = Write($"{name}.txt", string.Concat(Enumerable.Range(1, Lines).Select(i => $"k{i % 10}:line-{i}\n")));
        var report = Path.Combine(Dir, $"{name}.jsonl");
        // PostgreSQL: one server for every trial, so each has a journal name of its own; small batches, so kills fall between writes.
        var config = Write($"{name}.conf", $"kafka-actors.durability {{ persistence-id = \"outbox-{name}-{Guid.NewGuid():N}\", max-batch-size = 500 }}");
        var outbox = database == "sqlite" ? Path.Combine(Dir, $"{name}.db") : $"postgresql:{JournalDatabase.PostgreSql}";
        string[] Args(string? file) => ["produce", "-b", Kafka.BootstrapServers, "-t", topic, "--key-separator", ":", .. (file is null ? Array.Empty<string>() : ["--file", file]),
            "--outbox", outbox, "--config", config, "--report", report];

        using (var first = CliProcess.Start(Args(fromStandardInput ? null : input)))
        {
            await untilKill(new Run(first, report));
            first.Kill();
            Assert.Equal(137, await first.WaitForExitAsync());
        }
        beforeRestart?.Invoke();
        if (killRecovery)
        {
            using var second = CliProcess.Start(Args("/dev/null"));
            await Eventually.AssertAsync(() => Assert.Contains(Report(report), l => l.Contains("\"recovered\":true", StringComparison.Ordinal)), ReadBack);
            second.Kill();
            Assert.Equal(137, await second.WaitForExitAsync());
        }
        var last = await CliProcess.RunAsync(Args("/dev/null"));
        Assert.True(last.ExitCode == 0, $"exit {last.ExitCode}: {last.Stderr}");

        var lines = Report(report);
        var events = lines.Where(Parses).Select(ProduceReport.Parse).SelectMany(l => l).ToList();
        Assert.InRange(lines.Count - events.Count, 0, killRecovery ? 2 : 1); // at most the line each kill tore mid-write
        var accepted = events.Where(l => l.Status() == "accepted").Select(l => l.Number()).ToHashSet();
        var onTopic = TestConsumer.ReadToEnd<byte[], byte[]>(Kafka.BootstrapServers, topic, ReadBack)
            .Select(r => long.Parse(Encoding.UTF8.GetString(r.Message.Value)["line-".Length..])).ToList();
        var missing = accepted.Except(onTopic).Order().ToList();
        var duplicates = onTopic.Count - onTopic.Distinct().Count();
        output.WriteLine($"{database} {name}: {accepted.Count} line(s) acknowledged accepted before the kill; {onTopic.Distinct().Count()} distinct on the topic, {duplicates} duplicate(s); missing {missing.Count}");
        Assert.NotEmpty(accepted);
        Assert.True(missing.Count == 0, $"acknowledged and not on the topic: {string.Join(", ", missing.Take(20))}");
    }

    private static async Task AcceptedAtLeast(Run run, int count) =>
        await Eventually.AssertAsync(() => Assert.True(Report(run.Report).Count(l => l.Contains("\"accepted\"", StringComparison.Ordinal)) >= count,
            $"fewer than {count} accepted"), ReadBack);

    private static bool Parses(string line)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(line);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    // Whole lines only: the child may be in the middle of writing one.
    private static List<string> Report(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
