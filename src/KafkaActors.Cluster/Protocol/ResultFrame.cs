using Akka.Actor;

namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// What a producer node has to tell one submitter, many records at a time: the submissions it accepted
/// (handed to its producer) and the results that came back, in the order they happened, so an
/// acceptance never arrives after its record's result.
/// </summary>
internal sealed record ResultFrame(Address Node, IReadOnlyList<AcceptedSubmission> Accepted, IReadOnlyList<IRecordResult> Results) : IClusterWireMessage
{
    public override string ToString() => $"ResultFrame({Node}, {Accepted.Count} accepted, {Results.Count} results)";
}

/// <summary>One submission a producer node took; in a frame, the node is the frame's.</summary>
internal readonly record struct AcceptedSubmission(Guid RecordId, int Submission);
