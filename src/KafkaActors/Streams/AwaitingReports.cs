namespace KafkaActors;

/// <summary>
/// Records handed to the producer whose delivery report has not been taken yet: O(1) add and remove
/// with no allocation, and enumerable when a producer dies or the stage stops and every such record
/// must be accounted for. Stage thread only.
/// </summary>
internal sealed class AwaitingReports<TKey, TValue, TContext, TIn> : IntrusiveList<InFlightRecord<TKey, TValue, TContext, TIn>>;
