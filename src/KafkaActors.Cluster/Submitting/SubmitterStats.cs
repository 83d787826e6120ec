namespace KafkaActors.Cluster;

/// <summary>Ask a <see cref="ClusterProducerFrontDoor"/> for its <see cref="SubmitterStats"/>.</summary>
public sealed class GetSubmitterStats
{
    public static readonly GetSubmitterStats Instance = new();

    private GetSubmitterStats()
    {
    }
}

/// <summary>
/// A submitter's counters since it started. <see cref="DuplicateResults"/> counts answers that came
/// after a record was answered already (the cost of at-least-once re-submission): they are dropped.
/// <see cref="OrderAtRisk"/> counts records sent again after a later record of their key had gone out
/// (the node holding them was removed or stopped after accepting them): only those keys may be out of order.
/// </summary>
public sealed record SubmitterStats(
    int Pending,
    long Accepted,
    long Delivered,
    long DeadLettered,
    long Rejected,
    long Resubmissions,
    long DuplicateResults,
    long OrderAtRisk);
