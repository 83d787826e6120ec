using System.Threading.Channels;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// Streams input lines through the producer actor or the transactional flow (an <see cref="ILineSink"/>): a line
/// is read only when fewer than <c>window</c> lines are waiting for their report line, so memory stays bounded
/// whatever the input's length, and each line is sent as soon as it is read (<c>tail -f | produce</c> sends). The report is written in
/// input order as outcomes complete. On <paramref name="stop"/> it stops reading, asks the producer to
/// stop (in-flight records get its close-timeout, the rest come back dead-lettered for Shutdown) and
/// still writes a report line for every line it read.
/// </summary>
internal sealed class LineProducer(ILineSink sink, Channel<LineResult> results,
    LineParser parser, ReportWriter report, ProduceTally tally, int window)
{
    /// <summary>Runs until the input ends or <paramref name="stop"/> fires, and every line read has its outcome.</summary>
    public async Task RunAsync(ByteLines input, CancellationToken stop, TimeSpan stopTimeout)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var slots = new SemaphoreSlim(window);
        var reader = Task.Run(async () =>
        {
            try
            {
                await LineReading.ReadAsync(input, slots, tally, OnLine, reading.Token);
            }
            finally
            {
                sink.InputEnded();
            }
        }, CancellationToken.None);
        var pending = new Dictionary<long, LineResult>();
        var next = 1L;
        var stopSent = false;

        while (true)
        {
            if (reader.IsCompleted && next > tally.Read) break;
            if (!results.Reader.TryRead(out var result))
            {
                await report.FlushAsync(); // nothing ready: what is written so far goes out now
                if (report.Broken is not null) reading.Cancel(); // standard output closed: stop reading, finish what was sent
                if (reader.IsCompleted && !stopSent && reading.IsCancellationRequested)
                {
                    sink.Stop(); // the outcomes to come are all we wait for
                    stopSent = true;
                }
                await WaitForAsync(reader, stopSent ? stopTimeout : null);
                continue;
            }
            pending[result.Line.Number] = result;
            while (pending.Remove(next, out var inOrder))
            {
                tally.Count(inOrder);
                report.Write(inOrder);
                slots.Release();
                next++;
            }
        }
        await reader; // surfaces a read error
        await report.FlushAsync();
    }

    // Until a result is ready or the reader ends. Once the producer was told to stop, every record sent gets
    // its reply within close-timeout + flush-timeout; the guard only turns a bug into an error instead of a hang.
    private async Task WaitForAsync(Task reader, TimeSpan? stopTimeout)
    {
        var wait = results.Reader.WaitToReadAsync().AsTask();
        if (!reader.IsCompleted) await Task.WhenAny(wait, reader);
        else if (stopTimeout is not { } patience) await wait;
        else if (await Task.WhenAny(wait, Task.Delay(patience + TimeSpan.FromSeconds(30))) != wait)
            throw new InvalidOperationException($"no outcome for {tally.Read - tally.Reported} line(s) well after close-timeout + flush-timeout ({patience})");
    }

    private void OnLine(long number, byte[] line)
    {
        if (parser.Parse(number, line, out var notSent) is { } envelope) sink.Send(envelope);
        else results.Writer.TryWrite(notSent!);
    }
}
