using System.Collections.Concurrent;
using System.Diagnostics;

namespace KafkaActors.Cli.Pipeline;

/// <summary>
/// What a run through the producer actor saw, record by record: each id's one terminal outcome, every failed attempt (through
/// the listener), and the latency from send to final answer. Thread-safe: the listener is called from
/// the pipeline's threads, the progress display reads from another.
/// </summary>
internal sealed class OutcomeTally : IProducerListener<string, string, int>, IOutcomeSink<string, string>
{
    private readonly int _records;
    private readonly long[] _sentAt;
    private readonly ConcurrentDictionary<int, IProduceReply<string, string, int>> _terminal = new();
    private readonly ConcurrentBag<double> _latenciesMs = new();
    private long _failedAttempts;
    private long _rejected;
    private long _duplicateReplies;

    public OutcomeTally(int records)
    {
        _records = records;
        _sentAt = new long[records];
    }

    public int Records => _records;
    public int Terminal => _terminal.Count;
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long DuplicateReplies => Interlocked.Read(ref _duplicateReplies);
    public IReadOnlyDictionary<int, IProduceReply<string, string, int>> Outcomes => _terminal;
    public IReadOnlyCollection<double> LatenciesMs => _latenciesMs;

    // Counted apart so the progress display does not walk the dictionary.
    private long _deliveredCount;
    private long _deadLetteredCount;
    public long DeliveredCount => Interlocked.Read(ref _deliveredCount);
    public long DeadLetteredCount => Interlocked.Read(ref _deadLetteredCount);

    public void Sent(int id) => _sentAt[id] = Stopwatch.GetTimestamp();

    public void Rejection() => Interlocked.Increment(ref _rejected);

    /// <summary>The one terminal reply for a record; a second one is counted as a contract violation.</summary>
    public void Answered(IProduceReply<string, string, int> reply)
    {
        var id = reply.Envelope.Context;
        if (!_terminal.TryAdd(id, reply))
        {
            Interlocked.Increment(ref _duplicateReplies);
            return;
        }
        _latenciesMs.Add(Stopwatch.GetElapsedTime(_sentAt[id]).TotalMilliseconds);
        if (reply is Produced<string, string, int>) Interlocked.Increment(ref _deliveredCount);
        else Interlocked.Increment(ref _deadLetteredCount);
    }

    public void OnSuccess(Produced<string, string, int> produced)
    {
    }

    public void OnError(DeliveryOutcome<string, string, int>.Failed failed) => Interlocked.Increment(ref _failedAttempts);
}
