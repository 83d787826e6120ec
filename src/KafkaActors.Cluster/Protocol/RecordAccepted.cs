using Akka.Actor;

namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// A bucket entity took a submission and handed it to its node's producer. The submitter now knows
/// which node holds the record, so it can re-submit it if that node leaves the cluster.
/// </summary>
internal sealed record RecordAccepted(Guid RecordId, int Submission, Address Node) : IClusterWireMessage;
