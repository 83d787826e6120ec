using System.Text.Json;
using KafkaActors.Cli;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public async Task Json_report_has_every_row_with_best_median_cpu_and_ratios_to_its_baseline()
    {
        var result = await CliProcess.RunAsync("bench", "--messages", "2000", "--size", "50", "--keyed", "300", "--runs", "2", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        Assert.Equal(2000, report.GetProperty("messages").GetInt32());
        Assert.Equal(300, report.GetProperty("keyedMessages").GetInt32());
        Assert.Equal(50, report.GetProperty("messageSize").GetInt32());
        Assert.Equal(2, report.GetProperty("rounds").GetInt32());
        var rows = report.GetProperty("targets").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["raw", "raw-window", "flow", "actor", "tell-reply", "tx-100", "tx-1000", "tx-10000",
            "keys-1-off", "keys-1-on", "keys-1-strict", "keys-10-off", "keys-10-on", "keys-10-strict",
            "keys-100-off", "keys-100-on", "keys-100-strict", "keys-10000-off", "keys-10000-on", "keys-10000-strict"], rows.Keys);
        foreach (var row in rows.Values)
        {
            var runs = row.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(2, runs.Count);
            Assert.Equal(runs.Max(r => r.GetProperty("messagesPerSecond").GetDouble()), row.GetProperty("bestMessagesPerSecond").GetDouble());
            Assert.True(row.GetProperty("medianMessagesPerSecond").GetDouble() > 0);
            Assert.True(row.GetProperty("cpuMicrosPerMessage").GetDouble() > 0);
            Assert.True(row.GetProperty("bytesPerMessage").GetDouble() > 0);
            Assert.Equal(0, row.GetProperty("keyOrderViolations").GetInt64()); // no faults, nothing to reorder
        }
        Assert.Equal(1.0, rows["raw"].GetProperty("bestRatio").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows["raw"].GetProperty("meetsBar").ValueKind);
        Assert.Equal("raw", rows["raw-window"].GetProperty("baseline").GetString());
        Assert.Equal(JsonValueKind.Null, rows["raw-window"].GetProperty("meetsBar").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, rows["flow"].GetProperty("meetsBar").ValueKind);
        // The messaging floor: no bar of its own, beside raw like the actor it explains.
        Assert.Equal("raw", rows["tell-reply"].GetProperty("baseline").GetString());
        Assert.Equal(JsonValueKind.Null, rows["tell-reply"].GetProperty("meetsBar").ValueKind);
        Assert.Equal("keys-1-off", rows["keys-1-on"].GetProperty("baseline").GetString());
        Assert.Equal(">= 0.80x best", rows["keys-1-on"].GetProperty("bar").GetString());
        Assert.Equal(JsonValueKind.Null, rows["keys-1-strict"].GetProperty("meetsBar").ValueKind);
        Assert.Equal(300, rows["keys-1-strict"].GetProperty("messages").GetInt32());
        // Progress goes to stderr: the warm-up and two rounds of each path.
        Assert.Equal(3 * rows.Count, result.StderrLines.Count(l => l.Contains(" msgs/s, ")));
    }

    [Fact]
    public async Task Rows_runs_only_the_rows_named_and_the_rows_their_ratios_are_to()
    {
        var result = await CliProcess.RunAsync("bench", "--rows", "tx-100, keys-1-on", "-n", "500", "--keyed", "200", "--runs", "1", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        // tx-100 is compared with the actor, the actor with raw; keys-1-on with keys-1-off; in the order they always run.
        Assert.Equal(["raw", "actor", "tx-100", "keys-1-off", "keys-1-on"], rows.Keys);
        Assert.Equal("actor", rows["tx-100"].GetProperty("baseline").GetString());
        Assert.Equal("keys-1-off", rows["keys-1-on"].GetProperty("baseline").GetString());
        Assert.Equal(2 * rows.Count, result.StderrLines.Count(l => l.Contains(" msgs/s, ")));
    }

    [Fact]
    public async Task Rows_naming_no_row_is_a_usage_error_that_lists_the_rows()
    {
        var result = await CliProcess.RunAsync("bench", "--rows", "flow,actr", "-n", "500", "--keyed", "0", "--runs", "1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.StderrLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal("error: --rows: no row 'actr'; the rows are raw, raw-window, flow, actor, tell-reply, tx-100, tx-1000, tx-10000", line);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Durable_bench_has_a_row_per_journal_with_the_latency_acceptance_adds()
    {
        var postgreSql = Durability.JournalDatabase.PostgreSql;
        var result = await CliProcess.RunAsync(["bench", "--durable", "-n", "2000", "--runs", "1", .. postgreSql is null ? Array.Empty<string>() : ["--postgresql", postgreSql]]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
        var rows = result.Stdout.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| path", StringComparison.Ordinal)).ToList();
        Assert.Equal(postgreSql is null ? 2 : 3, rows.Count);
        Assert.StartsWith("| KafkaProducerActor (in memory)", rows[0]);
        Assert.All(rows.Skip(1), row => Assert.Matches(@"\| +[\d,]+ \| +[\d.]+x \| +[\d.,]+ ms / [\d.,]+ ms \|", row));
    }

    [Fact]
    public async Task Redirected_table_is_plain_text()
    {
        var result = await CliProcess.RunAsync("bench", "-n", "1000", "--keyed", "0", "--runs", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.Contains("| raw ", result.Stdout);
        Assert.Contains("raw: Confluent Produce(topic, message, handler) + Flush", result.Stdout);
        Assert.Contains("flow: KafkaProducerFlow", result.Stdout);
        Assert.DoesNotContain("keys-", result.Stdout);
        Assert.Contains("1,000 x 100 B per unkeyed run", result.Stdout);
    }

    [Fact]
    public async Task Soak_answers_every_record_once_through_its_faults_and_reports_the_peak_working_set()
    {
        var result = await CliProcess.RunAsync("bench", "--soak", "-n", "30000", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        Assert.Equal(30_000, report.GetProperty("answeredOnce").GetInt32());
        Assert.Equal(0, report.GetProperty("neverAnswered").GetInt32());
        Assert.Equal(30_000, report.GetProperty("delivered").GetInt64() + report.GetProperty("deadLettered").GetInt64());
        Assert.True(report.GetProperty("retried").GetInt64() > 0, "the first burst of errors comes at 10 %: some records need a second attempt");
        Assert.InRange(report.GetProperty("peakWorkingSetBytes").GetInt64(), 1, report.GetProperty("workingSetBarBytes").GetInt64());
    }

    [Fact]
    public async Task Latency_paces_raw_raw_behind_hand_offs_flow_and_actor_at_one_rate_and_reports_percentiles_and_the_added_p99()
    {
        var result = await CliProcess.RunAsync("bench", "--latency", "--rate", "2000", "--runs", "1", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        Assert.Equal(2000, report.GetProperty("recordsPerSecond").GetDouble());
        Assert.Equal(8000, report.GetProperty("recordsPerRun").GetInt32());
        var paths = report.GetProperty("paths").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["raw", "raw-handoff", "flow", "actor"], paths.Keys);
        foreach (var path in paths.Values)
        {
            Assert.InRange(path.GetProperty("p50Ms").GetDouble(), double.Epsilon, path.GetProperty("p99Ms").GetDouble());
            Assert.Equal(1, path.GetProperty("p99PerRound").GetArrayLength());
        }
        Assert.Equal(0.0, paths["raw"].GetProperty("addedP99Ms").GetDouble());
        Assert.Equal(JsonValueKind.Null, paths["raw"].GetProperty("meetsBar").ValueKind);
        // The hand-off row is a reference for the machine's noise, not a path the bar is about.
        Assert.Equal(JsonValueKind.Null, paths["raw-handoff"].GetProperty("meetsBar").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, paths["flow"].GetProperty("meetsBar").ValueKind);
        // Every path warms up once before the measured rounds, and the warm-up is not one of them.
        foreach (var name in paths.Keys)
            Assert.Contains(result.StderrLines, line => line.StartsWith($"round warm-up {name}:") && line.EndsWith("(not counted)"));
        Assert.NotEqual(JsonValueKind.Null, paths["actor"].GetProperty("meetsBar").ValueKind);
    }
}
