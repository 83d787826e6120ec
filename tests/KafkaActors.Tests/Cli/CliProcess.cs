using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KafkaActors.Tests.Cli;

/// <summary>
/// The built <c>kafka-actors</c> (copied next to the tests by the project reference) as a child process,
/// run with <c>dotnet kafka-actors.dll</c>. Timeouts are failure guards for a hung child, never a way to wait.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    // Generous: the machine is shared and small; a healthy child answers in well under a second.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Task<string> _stderr;

    private CliProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <summary>Starts the child with <paramref name="environment"/> changed (a null value removes the variable).</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kafka-actors.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>Runs to completion with empty input and returns what it printed.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var cli = Start(environment, args);
        cli.CloseInput();
        var stdout = await cli._process.StandardOutput.ReadToEndAsync().WaitAsync(Patience);
        var exitCode = await cli.WaitForExitAsync();
        return new CliResult(exitCode, stdout, await cli._stderr);
    }

    /// <summary>The next line of standard output; null when the child closed it.</summary>
    public Task<string?> ReadLineAsync() => _process.StandardOutput.ReadLineAsync().WaitAsync(Patience);

    public async Task<string?> AskAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Writes raw bytes to the child's standard input and flushes them.</summary>
    public async Task WriteInputAsync(byte[] bytes)
    {
        await _process.StandardInput.BaseStream.WriteAsync(bytes);
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    /// <summary>Closes our end of the child's standard output, as `| head` does when it has seen enough.</summary>
    public void CloseOutput() => _process.StandardOutput.Close();

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt() => Signal(2);

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> does.</summary>
    public void Terminate() => Signal(15);

    /// <summary>Sends SIGKILL: the child gets no chance to finish anything.</summary>
    public void Kill()
    {
        Signal(9);
        _process.WaitForExit();
    }

    private void Signal(int signal)
    {
        // A shell starts a background job (`dotnet test ... &`) with SIGINT and SIGQUIT ignored, and the child inherits that:
        // the signal would do nothing and the test would time out minutes later without saying why.
        if (Ignores(signal))
            throw new InvalidOperationException($"the child ignores signal {signal} (inherited: this test run was started with it ignored, " +
                                                "as a shell does for a background job); run the tests in the foreground");
        if (kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
    }

    // SigIgn: the ignored signals as a hex mask, bit n-1 for signal n. No status (the child is gone): kill says so.
    private bool Ignores(int signal) =>
        StatusField("SigIgn") is { } mask
        && (ulong.Parse(mask, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;

    // One field of /proc/<pid>/status ("VmHWM:   1234 kB" -> "1234 kB"); null when the field or the process is not there.
    private string? StatusField(string name)
    {
        try
        {
            return File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The child's peak resident memory so far (VmHWM in /proc), in bytes.</summary>
    public long PeakResidentBytes()
    {
        var peak = StatusField("VmHWM") ?? throw new InvalidOperationException($"no VmHWM in /proc/{_process.Id}/status");
        return long.Parse(peak.Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public bool HasExited => _process.HasExited;

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    public Task<string> StandardErrorAsync() => _stderr.WaitAsync(Patience);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

/// <summary>What a finished <c>kafka-actors</c> run left behind.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
