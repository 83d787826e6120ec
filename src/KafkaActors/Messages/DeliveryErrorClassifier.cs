using System.Collections.Immutable;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Decides whether a failed send may be tried again. The defaults follow Kafka's own split between
/// retriable and non-retriable errors; per-code overrides come from settings
/// (<c>kafka-actors.retry.classify</c>) or code.
/// </summary>
public sealed class DeliveryErrorClassifier
{
    /// <summary>Transient conditions: the broker or the network will very likely recover.</summary>
    public static readonly ImmutableHashSet<ErrorCode> DefaultRetriable = ImmutableHashSet.Create(
        ErrorCode.Local_MsgTimedOut,
        ErrorCode.Local_TimedOut,
        ErrorCode.Local_Transport,
        ErrorCode.Local_AllBrokersDown,
        ErrorCode.Local_PurgeQueue,
        ErrorCode.Local_PurgeInflight,
        ErrorCode.Local_Retry,
        ErrorCode.Local_WaitCache,
        ErrorCode.NotLeaderForPartition,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.RequestTimedOut,
        ErrorCode.BrokerNotAvailable,
        ErrorCode.NetworkException,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend,
        ErrorCode.KafkaStorageError,
        ErrorCode.UnknownTopicOrPart,
        ErrorCode.ThrottlingQuotaExceeded,
        ErrorCode.ConcurrentTransactions);

    /// <summary>Conditions that the same record can never get past.</summary>
    public static readonly ImmutableHashSet<ErrorCode> DefaultPermanent = ImmutableHashSet.Create(
        ErrorCode.MsgSizeTooLarge,
        ErrorCode.RecordListTooLarge,
        ErrorCode.TopicAuthorizationFailed,
        ErrorCode.ClusterAuthorizationFailed,
        ErrorCode.TransactionalIdAuthorizationFailed,
        ErrorCode.InvalidMsg,
        ErrorCode.InvalidRecord,
        ErrorCode.TopicException,
        ErrorCode.InvalidMsgSize,
        ErrorCode.InvalidTimestamp,
        ErrorCode.InvalidRequiredAcks,
        ErrorCode.UnsupportedForMessageFormat,
        ErrorCode.Local_UnknownTopic,
        ErrorCode.Local_UnknownPartition,
        ErrorCode.Local_KeySerialization,
        ErrorCode.Local_ValueSerialization,
        ErrorCode.Local_InvalidArg,
        ErrorCode.Local_BadMsg);

    public static readonly DeliveryErrorClassifier Default = new(ImmutableDictionary<ErrorCode, FailureKind>.Empty);

    private DeliveryErrorClassifier(ImmutableDictionary<ErrorCode, FailureKind> overrides) => Overrides = overrides;

    /// <summary>Per-code decisions that win over the defaults.</summary>
    public ImmutableDictionary<ErrorCode, FailureKind> Overrides { get; }

    public DeliveryErrorClassifier WithOverride(ErrorCode code, FailureKind kind) => new(Overrides.SetItem(code, kind));

    /// <summary>
    /// Classifies one error. <paramref name="producerIsFatal"/> is what the producer's error handler
    /// said: a delivery report may carry a non-fatal code while the producer itself is dead.
    /// Codes nobody listed are treated as retriable: attempts are bounded, so the worst case is a
    /// dead letter after max-attempts rather than a record given up on too early.
    /// </summary>
    public FailureKind Classify(ErrorCode code, bool producerIsFatal = false)
    {
        if (Overrides.TryGetValue(code, out var overridden)) return overridden;
        if (producerIsFatal || code == ErrorCode.Local_Fatal) return FailureKind.ProducerFailed;
        if (DefaultPermanent.Contains(code)) return FailureKind.Permanent;
        return FailureKind.Retriable;
    }
}
