using KafkaActors.Cli.Pipeline;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>
/// Every reply the CLI's record driver passes on for one run, in arrival order. A second reply for a
/// record (by its context, the record's sequence number) is a contract violation: <see cref="Replies"/>
/// then throws, so no test can pass over it.
/// </summary>
internal sealed class ReplyLog : IOutcomeSink<string, string>
{
    private readonly List<IProduceReply<string, string, int>> _replies = new();
    private readonly HashSet<int> _answered = new();
    private readonly List<string> _violations = new();
    private long _answeredCount;

    /// <summary>Replies so far; safe to read from any thread.</summary>
    public long AnsweredCount => Interlocked.Read(ref _answeredCount);

    public IReadOnlyList<IProduceReply<string, string, int>> Replies
    {
        get
        {
            lock (_replies)
            {
                if (_violations.Count > 0) throw new InvalidOperationException("More than one reply for a record: " + string.Join("; ", _violations.Take(5)));
                return _replies.ToList();
            }
        }
    }

    public void Sent(int id)
    {
    }

    public void Answered(IProduceReply<string, string, int> reply)
    {
        lock (_replies)
        {
            if (!_answered.Add(reply.Envelope.Context)) _violations.Add(reply.ToString() ?? "");
            else _replies.Add(reply);
        }
        Interlocked.Increment(ref _answeredCount);
    }

    public void Rejection()
    {
    }
}
