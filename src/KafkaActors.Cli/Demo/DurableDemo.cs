using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Demo;

/// <summary>
/// <c>kafka-actors demo --durable</c>: a child process produces through the durable producer (<c>produce --outbox</c>)
/// and is killed with SIGKILL mid-run; a second run with the same outbox finishes what it left; the topic is read
/// back to prove every line the first run reported accepted is on it (duplicates, at-least-once, are counted).
/// </summary>
internal static class DurableDemo
{
    private const string Topic = "durable-orders";

    // How long the broker takes to answer run 1.
    private static readonly TimeSpan RunOneRtt = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(CliConsole console, int records, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic(Topic, 4);
        var folder = Directory.CreateTempSubdirectory("kafka-actors-durable-demo-").FullName;
        try
        {
            var input = Path.Combine(folder, "orders.txt");
            await File.WriteAllTextAsync(input, string.Concat(Enumerable.Range(1, records).Select(i => $"customer-{i % 100}:order-{i}\n")), ct);
            var outbox = Path.Combine(folder, "outbox.db");
            var report = Path.Combine(folder, "report.jsonl");
            string[] Args(string file) => ["produce", "-b", kafka.BootstrapServers, "-t", Topic, "--key-separator", ":", "--file", file, "--outbox", outbox, "--report", report];

            var killAt = Math.Max(1, records / 3);
            console.Error.WriteLine($"run 1: producing {records:N0} lines through the outbox; SIGKILL once {killAt:N0} are accepted");
            // The broker answers run 1 slowly, so the kill finds records accepted and not yet delivered however fast the
            // producer is: the demo shows a recovery, not a race (a run fast enough delivered all 4,000 lines between two looks
            // at its report, 2026-12-04, and left run 2 nothing to recover).
            kafka.SetBrokerRtt(1, RunOneRtt);
            using (var first = Child(Args(input)))
            {
                while (Accepted(Events(report)) < killAt && !first.HasExited) await Task.Delay(10, ct);
                first.Kill(); // SIGKILL: no shutdown, no flush
                await first.WaitForExitAsync(ct);
            }
            kafka.SetBrokerRtt(1, TimeSpan.Zero);
            var afterKill = Events(report);
            console.Error.WriteLine($"run 1 killed: {Accepted(afterKill):N0} accepted, {Count(afterKill, "delivered"):N0} delivered; run 2: --file /dev/null --outbox {outbox}");
            using (var second = Child(Args("/dev/null")))
            {
                await second.WaitForExitAsync(ct);
                if (second.ExitCode != 0) throw new CliFailure($"the recovering run exited {second.ExitCode}");
            }

            var all = Events(report);
            var accepted = all.Where(e => e.Status == "accepted").Select(e => e.Line).ToHashSet();
            var onTopic = ReadTopic(kafka.BootstrapServers);
            var missing = accepted.Count(line => !onTopic.Contains(line));
            var table = new (string, string)[]
            {
                ("lines given to run 1", $"{records:N0}"),
                ("accepted by run 1 before SIGKILL (reported)", $"{Accepted(afterKill):N0}"),
                ("delivered by run 1 before SIGKILL (reported)", $"{Count(afterKill, "delivered"):N0}"),
                ("finished by run 2 (recovered from the outbox)", $"{all.Count(e => e.Recovered && e.Status != "accepted"):N0}"),
                ("distinct lines on the topic", $"{onTopic.Distinct().Count():N0}"),
                ("duplicates on the topic (at-least-once)", $"{onTopic.Count - onTopic.Distinct().Count():N0}"),
                ("accepted and not on the topic", $"{missing:N0}"),
            };
            foreach (var (name, value) in table) console.Out.WriteLine($"| {name,-46} | {value,10} |");
            console.Out.WriteLine(missing == 0
                ? "every line reported accepted before the kill is on the topic"
                : $"{missing} accepted line(s) are not on the topic");
            return missing == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Event(long Line, string Status, bool Recovered);

    private static int Accepted(List<Event> events) => Count(events, "accepted");

    private static int Count(List<Event> events, string status) => events.Count(e => e.Status == status);

    // Whole lines only: the child may be writing one.
    private static List<Event> Events(string report)
    {
        if (!File.Exists(report)) return [];
        using var stream = new FileStream(report, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        var events = new List<Event>();
        foreach (var line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                events.Add(new Event(root.GetProperty("line").GetInt64(), root.GetProperty("status").GetString()!,
                    root.TryGetProperty("recovered", out var r) && r.GetBoolean()));
            }
            catch (JsonException)
            {
                // The line the kill tore mid-write; the next run started on a new line.
            }
        }
        return events;
    }

    private static List<long> ReadTopic(string bootstrapServers)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = $"durable-demo-{Guid.NewGuid():N}", EnablePartitionEof = true, AutoOffsetReset = AutoOffsetReset.Earliest };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)));
        var lines = new List<long>();
        var ended = new HashSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ended.Count < 4 && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(1));
            if (record is null) continue;
            if (record.IsPartitionEOF) ended.Add(record.Partition.Value);
            else lines.Add(long.Parse(Encoding.UTF8.GetString(record.Message.Value)["order-".Length..]));
        }
        if (ended.Count < 4) throw new CliFailure("reading the topic back did not reach its end within 60 s");
        return lines;
    }

    // This same program as a child: `dotnet kafka-actors.dll ...` or the installed tool's executable.
    private static Process Child(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(DurableDemo).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new CliFailure("could not start the child run");
        _ = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
