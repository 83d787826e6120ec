using KafkaActors.Cli.Pipeline;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// How many terminal answers each record got, one byte per record, so counting a million records costs
/// a megabyte and keeps no reply alive (the soak measures the pipeline's memory, not the tally's).
/// </summary>
internal sealed class AnswerCounts<TKey, TValue>(int records) : IOutcomeSink<TKey, TValue>
{
    private readonly byte[] _answers = new byte[records];
    private long _delivered;
    private long _deadLettered;
    private long _answered;
    private long _retried;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public long AnsweredCount => Interlocked.Read(ref _answered);

    /// <summary>Records that needed more than one attempt: the faults reached the pipeline.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Records answered exactly once; the rest were answered never or more than once.</summary>
    public int AnsweredOnce => _answers.Count(a => a == 1);

    public int AnsweredTwiceOrMore => _answers.Count(a => a > 1);

    public void Sent(int id)
    {
    }

    // The driver's actor only: one reply at a time.
    public void Answered(IProduceReply<TKey, TValue, int> reply)
    {
        var (id, delivered, attempts) = reply switch
        {
            Produced<TKey, TValue, int> p => (p.Envelope.Context, true, p.Attempts),
            DeadLettered<TKey, TValue, int> d => (d.Envelope.Context, false, d.Attempts),
            _ => throw new InvalidOperationException($"unexpected reply {reply}"),
        };
        if (attempts > 1) Interlocked.Increment(ref _retried);
        if (_answers[id] < byte.MaxValue) _answers[id]++;
        Interlocked.Increment(ref delivered ? ref _delivered : ref _deadLettered);
        Interlocked.Increment(ref _answered);
    }

    public void Rejection()
    {
    }
}
