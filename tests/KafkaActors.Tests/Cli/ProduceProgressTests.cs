using System.Diagnostics;
using KafkaActors.Cli;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>produce shows live progress on stderr only when stderr is a terminal; redirected, stderr keeps one summary line.</summary>
public sealed class ProduceProgressTests : IDisposable
{
    private const string Script = "/usr/bin/script"; // util-linux: runs a command on a real pseudo-terminal
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly string _input = Path.GetTempFileName();

    public ProduceProgressTests()
    {
        _kafka.CreateTopic("progress", 8);
        File.WriteAllLines(_input, Enumerable.Range(1, 300_000).Select(n => $"progress line {n}"));
    }

    [LinuxFact]
    public async Task On_a_terminal_stderr_shows_a_progress_line_rewritten_in_place()
    {
        Assert.True(File.Exists(Script), $"{Script} (util-linux) is needed to give the child a terminal");
        var cli = $"dotnet {Path.Combine(AppContext.BaseDirectory, "kafka-actors.dll")} produce -b {_kafka.BootstrapServers} -t progress --file {_input}";
        var start = new ProcessStartInfo(Script) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--return", "--command", cli, "/dev/null" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var screen = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == ExitCodes.Ok, screen);
        Assert.Matches("\r[0-9,]+ waiting for an outcome; [0-9,]+ delivered", screen); // rewritten in place: carriage return, no newline
        Assert.Contains("\u001b[K", screen);
        Assert.Contains("300,000 delivered, 0 dead-lettered, 0 not sent, of 300,000 line(s) read", screen);
    }

    [Fact]
    public async Task Redirected_stderr_gets_only_the_summary_line()
    {
        var result = await CliProcess.RunAsync("produce", "-b", _kafka.BootstrapServers, "-t", "progress", "--file", _input);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("300,000 delivered, 0 dead-lettered, 0 not sent, of 300,000 line(s) read", Assert.Single(result.StderrLines));
    }

    public void Dispose()
    {
        _kafka.Dispose();
        File.Delete(_input);
    }
}
