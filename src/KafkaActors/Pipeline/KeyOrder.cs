namespace KafkaActors;

/// <summary>
/// A per-key order policy inside the <see cref="SendGate{TKey,TValue,TContext}"/>: it sees every record
/// that enters, every outcome, every re-send and every release, and says which records may go
/// (through <c>send</c>). Send-gate (stage) thread only.
/// </summary>
internal abstract class KeyOrder<TKey, TValue, TContext>
{
    protected KeyOrder(Action<Submission<TKey, TValue, TContext>> send, Action<Submission<TKey, TValue, TContext>> retry)
    {
        Send = send;
        Retry = retry;
    }

    /// <summary>Lets a new record go.</summary>
    protected Action<Submission<TKey, TValue, TContext>> Send { get; }

    /// <summary>Lets a re-sent record go, ahead of new ones.</summary>
    protected Action<Submission<TKey, TValue, TContext>> Retry { get; }

    /// <summary>Records the policy holds back: behind an earlier record of their key, or re-sends waiting their turn.</summary>
    public abstract int Held { get; }

    /// <summary>A new record: true when it may go now, false when the policy holds it.</summary>
    public abstract bool TryEnter(Submission<TKey, TValue, TContext> record);

    public abstract void Delivered(Submission<TKey, TValue, TContext> record);

    /// <summary>The record failed and is with the retry supervisor, which will re-send or release it.</summary>
    public abstract void Failed(Submission<TKey, TValue, TContext> record);

    /// <summary>The supervisor re-sends the record after its backoff.</summary>
    public abstract void Resend(Submission<TKey, TValue, TContext> record);

    /// <summary>The supervisor gave up on the record: it will not be sent again.</summary>
    public abstract void Released(Submission<TKey, TValue, TContext> record);

    /// <summary>The policy for <paramref name="mode"/>, or null for <see cref="KeyOrderMode.Off"/>.</summary>
    public static KeyOrder<TKey, TValue, TContext>? For(KeyOrderMode mode, Action<Submission<TKey, TValue, TContext>> send,
        Action<Submission<TKey, TValue, TContext>> retry, Action<Submission<TKey, TValue, TContext>, long> reordered) => mode switch
    {
        KeyOrderMode.Strict => new KeyLanes<TKey, TValue, TContext>(send, retry),
        KeyOrderMode.On => new PipelinedKeyLanes<TKey, TValue, TContext>(send, retry, reordered),
        _ => null,
    };
}

/// <summary>Which lane a record belongs to: its topic and key (byte[] keys by content).</summary>
internal readonly record struct LaneKey<TKey>(string Topic, TKey Key)
{
    public static LaneKey<TKey>? Of<TValue, TContext>(Submission<TKey, TValue, TContext> record) =>
        record.Envelope.Message.Key is { } key ? new LaneKey<TKey>(record.Envelope.Topic, key) : null;

    public static readonly IEqualityComparer<LaneKey<TKey>> Comparer = new LaneKeyComparer();

    private sealed class LaneKeyComparer : IEqualityComparer<LaneKey<TKey>>
    {
        private static readonly IEqualityComparer<TKey> Keys = KeyComparer.For<TKey>();

        public bool Equals(LaneKey<TKey> x, LaneKey<TKey> y) => Keys.Equals(x.Key, y.Key) && string.Equals(x.Topic, y.Topic, StringComparison.Ordinal);

        public int GetHashCode(LaneKey<TKey> k) => HashCode.Combine(k.Topic, Keys.GetHashCode(k.Key!));
    }
}
