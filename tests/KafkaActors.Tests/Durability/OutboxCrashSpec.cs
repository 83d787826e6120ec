using System.Text;
using KafkaActors.Tests.Cli;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// <c>produce --outbox</c> killed for real (SIGKILL to the child process); a new process with the same outbox
/// finishes the work. Every line the report says was accepted is on the topic afterwards; duplicates
/// (at-least-once) are counted and reported. On SQLite (the file <c>--outbox</c> names) and on PostgreSQL where
/// a server is given. The moments are split over two classes so xunit runs them side by side.
/// </summary>
public abstract class OutboxCrashSpec(ITestOutputHelper output) : ProduceSpec
{
    protected const int Lines = 3_000;

    public static TheoryData<string> Databases => JournalDatabase.Available();

    protected ITestOutputHelper Output { get; } = output;

    private protected sealed record Run(CliProcess Cli, string Report);

    private protected async Task Trial(string database, string name, Func<Run, Task> untilKill, Action? beforeRestart = null,
        bool killRecovery = false, bool fromStandardInput = false, bool mayFinishBeforeKill = false)
    {
        var topic = $"outbox-{name}";
        Kafka.CreateTopic(topic, 3);
        var input = Write($"{name}.txt", string.Concat(Enumerable.Range(1, Lines).Select(i => $"k{i % 10}:line-{i}\n")));
        var report = Path.Combine(Dir, $"{name}.jsonl");
        // PostgreSQL: one server for every trial, so each has a journal name of its own; small batches, so kills fall between writes.
        // At most 100 records in flight: with the slow broker below a run moves ~300 lines/s, so a recovering run is
        // still recovering when it is killed (unbounded, all it recovers goes in one round trip and it may exit first).
        var config = Write($"{name}.conf", $"kafka-actors.durability {{ persistence-id = \"outbox-{name}-{Guid.NewGuid():N}\", max-batch-size = 500 }}\n" +
            "kafka-actors.producer.max-in-flight = 100");
        var outbox = database == "sqlite" ? Path.Combine(Dir, $"{name}.db") : $"postgresql:{JournalDatabase.PostgreSql}";
        string[] Args(string? file) => ["produce", "-b", Kafka.BootstrapServers, "-t", topic, "--key-separator", ":", .. (file is null ? Array.Empty<string>() : ["--file", file]),
            "--outbox", outbox, "--config", config, "--report", report];

        // A slow broker keeps every run from finishing before its kill: on a quiet machine 3,000 lines take ~2 s.
        Kafka.SetBrokerRtt(1, TimeSpan.FromMilliseconds(300));
        using (var first = CliProcess.Start(Args(fromStandardInput ? null : input)))
        {
            await untilKill(new Run(first, report));
            try
            {
                if (!first.HasExited) first.Kill();
            }
            catch (InvalidOperationException) when (mayFinishBeforeKill && first.HasExited)
            {
                // It finished between the look and the kill.
            }
            var exit = await first.WaitForExitAsync();
            Assert.True(exit == 137 || (mayFinishBeforeKill && exit == 143), $"the first run ended with {exit}, not by its kill");
        }
        beforeRestart?.Invoke();
        if (killRecovery)
        {
            using var second = CliProcess.Start(Args("/dev/null"));
            await Eventually.AssertAsync(() => Assert.Contains(Report(report), l => l.Contains("\"recovered\":true", StringComparison.Ordinal)), ReadBack);
            second.Kill();
            Assert.Equal(137, await second.WaitForExitAsync());
        }
        Kafka.SetBrokerRtt(1, TimeSpan.Zero);
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
        Output.WriteLine($"{database} {name}: {accepted.Count} line(s) acknowledged accepted before the kill; {onTopic.Distinct().Count()} distinct on the topic, {duplicates} duplicate(s); missing {missing.Count}");
        Assert.NotEmpty(accepted);
        Assert.True(missing.Count == 0, $"acknowledged and not on the topic: {string.Join(", ", missing.Take(20))}");
    }

    private protected static async Task AcceptedAtLeast(Run run, int count) =>
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
    protected static List<string> Report(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
