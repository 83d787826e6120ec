using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KafkaActors.Cli.Node;

/// <summary>
/// <c>kafka-actors node</c> as a child process (this very kafka-actors.dll, run with <c>dotnet</c>), for
/// the cluster bench and the multi-process tests: its standard output read line by line as it comes
/// (see <see cref="OutcomeLines"/>), its CPU time read from the OS.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly ConcurrentQueue<NodeOutcome> _outcomes = new();
    private readonly TaskCompletionSource<int> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = Task.Run(ReadOutput);
    }

    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>The remoting port, once the node printed <c>up ADDRESS</c>; fails if it exited before.</summary>
    public Task<int> Up => _up.Task;

    /// <summary>Completes when the node starts submitting its measured records.</summary>
    public Task Started => _started.Task;

    /// <summary>The words after <c>done</c>: answered, delivered, dead-lettered, elapsed ms, resubmissions, duplicate results, order at risk, bytes allocated.</summary>
    public Task<long[]> Done => _done.Task;

    public IReadOnlyCollection<NodeOutcome> Outcomes => _outcomes;

    public bool HasExited => _process.HasExited;

    /// <summary>User + system CPU the node used so far (from /proc).</summary>
    public TimeSpan CpuTime => _process.TotalProcessorTime;

    public static NodeProcess Start(string name, IEnumerable<string> args)
    {
        var dll = typeof(NodeProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("node");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new NodeProcess(name, Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
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

    /// <summary>What the node wrote on stderr, once it exited.</summary>
    public string StandardError() => _stderr.IsCompleted ? _stderr.Result : "(still running)";

    private async Task ReadOutput()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "up":
                    _up.TrySetResult(int.Parse(words[1][(words[1].LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
                    break;
                case "started":
                    _started.TrySetResult();
                    break;
                case "outcome":
                    _outcomes.Enqueue(NodeOutcome.Parse(words));
                    break;
                case "done":
                    _done.TrySetResult(words.Skip(1).Select(w => long.Parse(w, CultureInfo.InvariantCulture)).ToArray());
                    break;
            }
        }
        var exited = new InvalidOperationException($"{this} exited: {await _stderr.WaitAsync(TimeSpan.FromSeconds(10))}");
        _up.TrySetException(exited);
        _started.TrySetException(exited);
        _done.TrySetException(exited);
    }

    public override string ToString() => $"{Name} (pid {Pid}{(Up.IsCompletedSuccessfully ? $", port {Up.Result}" : "")})";

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

    /// <summary>Keys whose delivered records did not land in submission order (one partition, rising offsets).</summary>
    public static int KeysOutOfOrder(IEnumerable<NodeOutcome> delivered) =>
        delivered.GroupBy(o => o.Key).Count(key =>
        {
            var offsets = key.OrderBy(o => o.Sequence).Select(o => (o.Partition, o.Offset)).ToList();
            return offsets.Zip(offsets.Skip(1), (earlier, later) => earlier.Partition != later.Partition || earlier.Offset >= later.Offset).Any(outOfOrder => outOfOrder);
        });
}
