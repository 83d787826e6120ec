using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>
/// <c>kafka-actors node</c> as a child process (the built kafka-actors.dll next to the tests, run with
/// <c>dotnet</c>): its standard output read line by line as it comes, its outcome lines parsed.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<NodeOutcome> _outcomes = new();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _stdout = Task.Run(ReadOutput);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>This node's remoting port, once it printed <c>up ADDRESS</c>.</summary>
    public int? Port { get; private set; }

    public IReadOnlyCollection<NodeOutcome> Outcomes => _outcomes;

    /// <summary>The <c>done</c> line's words after <c>done</c>, once printed.</summary>
    public long[]? Done { get; private set; }

    public bool HasExited => _process.HasExited;

    public TimeSpan CpuTime => _process.TotalProcessorTime;

    public static NodeProcess Start(string name, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kafka-actors.dll"));
        start.ArgumentList.Add("node");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new NodeProcess(name, Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>Waits until the node printed <c>up</c>; its port is then known.</summary>
    public async Task Up(TimeSpan timeout)
    {
        await Eventually.True(() => Port is not null || _process.HasExited, timeout, $"{Name} up");
        if (Port is null) throw new InvalidOperationException($"{Name} exited before it was up: {await _stderr}");
    }

    /// <summary>SIGKILL: the node dies at once, without a word to the cluster.</summary>
    public void Kill()
    {
        if (kill(_process.Id, SigKill) != 0) throw new InvalidOperationException($"kill -9 {_process.Id} failed");
    }

    /// <summary>Closes the node's input: it leaves the cluster gracefully and exits.</summary>
    public void Stop() => _process.StandardInput.Close();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _stdout.WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>What the node wrote on stderr so far (all of it once it exited).</summary>
    public string StandardError() => _stderr.IsCompleted ? _stderr.Result : "(still running)";

    private async Task ReadOutput()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
            var words = line.Split(' ');
            switch (words[0])
            {
                case "up":
                    Port = int.Parse(words[1][(words[1].LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
                    break;
                case "outcome":
                    _outcomes.Enqueue(NodeOutcome.Parse(words));
                    break;
                case "done":
                    Done = words.Skip(1).Select(w => long.Parse(w, CultureInfo.InvariantCulture)).ToArray();
                    break;
            }
        }
    }

    public override string ToString() => $"{Name} (pid {Pid}, port {Port})";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

/// <summary>One <c>outcome</c> line of a node: the record's sequence number, how it ended, and where.</summary>
internal sealed record NodeOutcome(int Sequence, bool Delivered, string Key, int Partition, long Offset, Guid? RecordId)
{
    public static NodeOutcome Parse(string[] words)
    {
        // outcome SEQ delivered KEY PARTITION OFFSET ID | outcome SEQ dead-lettered KEY CAUSE ID
        var delivered = words[2] == "delivered";
        var id = words[^1] == "-" ? (Guid?)null : Guid.ParseExact(words[^1], "N");
        return new NodeOutcome(int.Parse(words[1], CultureInfo.InvariantCulture), delivered, words[3],
            delivered ? int.Parse(words[4], CultureInfo.InvariantCulture) : -1, delivered ? long.Parse(words[5], CultureInfo.InvariantCulture) : -1, id);
    }
}
