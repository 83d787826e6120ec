using KafkaActors.Cli.Pipeline;

namespace KafkaActors.Cli.Bench;

/// <summary>Counts how a run's records ended, for rows that only need the totals (and the first failure, to say why).</summary>
internal sealed class DeliveryTally<TKey, TValue> : IOutcomeSink<TKey, TValue>
{
    private long _delivered;
    private long _failed;

    public DeliveryCount Count => new(Interlocked.Read(ref _delivered), Interlocked.Read(ref _failed));

    public IProduceReply<TKey, TValue, int>? FirstFailure { get; private set; }

    public void Sent(int id)
    {
    }

    public void Answered(IProduceReply<TKey, TValue, int> reply)
    {
        if (reply is Produced<TKey, TValue, int>)
        {
            Interlocked.Increment(ref _delivered);
            return;
        }
        Interlocked.Increment(ref _failed);
        FirstFailure ??= reply;
    }

    public void Rejection()
    {
    }
}
