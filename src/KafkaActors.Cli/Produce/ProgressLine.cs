namespace KafkaActors.Cli.Produce;

/// <summary>
/// A live progress line on stderr, only when stderr is a terminal (a redirected stderr keeps its one
/// summary line). Rewritten in place with a carriage return a few times a second; cleared at the end.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private const string ClearToEndOfLine = "\u001b[K";
    private readonly TextWriter? _terminal;
    private readonly ProduceTally _tally;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressLine(CliConsole console, ProduceTally tally)
    {
        _terminal = console.IsErrorRedirected ? null : console.Error;
        _tally = tally;
        _loop = _terminal is null ? Task.CompletedTask : RunAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await _terminal!.WriteAsync($"\r{_tally.Read - _tally.Reported:N0} waiting for an outcome; {_tally}{ClearToEndOfLine}");
        }
        catch (OperationCanceledException)
        {
            // Finished.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_terminal is not null) await _terminal.WriteAsync($"\r{ClearToEndOfLine}");
        _stop.Dispose();
    }
}
