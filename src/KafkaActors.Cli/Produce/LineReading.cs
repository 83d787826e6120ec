namespace KafkaActors.Cli.Produce;

/// <summary>
/// Reads input lines for produce: one line only while a window slot is free (a slot is freed when a line's
/// outcome is reported), so memory stays bounded; stops quietly when <c>ct</c> fires.
/// </summary>
internal static class LineReading
{
    public static async Task ReadAsync(ByteLines input, SemaphoreSlim slots, ProduceTally tally, Action<long, byte[]> onLine, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await slots.WaitAsync(ct);
                var line = await input.ReadLineAsync(ct);
                if (line is null) return;
                onLine(tally.LineRead(), line);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Interrupted: the lines read so far are all that will be reported.
        }
        finally
        {
            tally.InputEnded();
        }
    }
}
