namespace KafkaActors.Cli.Produce;

/// <summary>
/// Counts of a produce run: written by the reader and the report loop, read by the progress line from
/// another thread, hence the interlocked fields.
/// </summary>
internal sealed class ProduceTally
{
    private long _read;
    private long _reported;
    private long _delivered;
    private long _deadLettered;
    private long _notSent;
    private long _pending;
    private long _aborted;
    private volatile bool _inputEnded;

    public long Read => Interlocked.Read(ref _read);
    public long Reported => Interlocked.Read(ref _reported);
    public long Delivered => Interlocked.Read(ref _delivered);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    public long NotSent => Interlocked.Read(ref _notSent);
    public long Pending => Interlocked.Read(ref _pending);
    public long Aborted => Interlocked.Read(ref _aborted);
    public bool InputHasEnded => _inputEnded;

    /// <summary>A line was read; returns its number (1-based).</summary>
    public long LineRead() => Interlocked.Increment(ref _read);

    public void InputEnded() => _inputEnded = true;

    /// <summary>Outbox mode: the line is in the outbox and was not finished when the run stopped.</summary>
    public void CountPending()
    {
        Interlocked.Increment(ref _reported);
        Interlocked.Increment(ref _pending);
    }

    public void Count(LineResult result)
    {
        Interlocked.Increment(ref _reported);
        switch (result)
        {
            case LineResult.Replied { Reply: Produced<byte[]?, byte[], InputLine> }:
            case LineResult.Transacted { Outcome: TransactionOutcome<byte[]?, byte[], InputLine>.Committed }:
                Interlocked.Increment(ref _delivered);
                break;
            case LineResult.Transacted:
                Interlocked.Increment(ref _aborted);
                break;
            case LineResult.Replied { Reply: DeadLettered<byte[]?, byte[], InputLine> }:
                Interlocked.Increment(ref _deadLettered);
                break;
            default:
                Interlocked.Increment(ref _notSent);
                break;
        }
    }

    public override string ToString() =>
        $"{Delivered:N0} delivered, {DeadLettered:N0} dead-lettered, {(Aborted > 0 ? $"{Aborted:N0} aborted, " : "")}{NotSent:N0} not sent, {(Pending > 0 ? $"{Pending:N0} pending in the outbox, " : "")}of {Read:N0} line(s) read";
}
