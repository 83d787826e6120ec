using Akka.Actor;

namespace KafkaActors.Cluster.Producing;

/// <summary>
/// The context a bucket entity gives each record it hands to its node's producer: enough to answer the
/// submitter. It never leaves the producer node.
/// </summary>
internal sealed record RecordTicket(Guid RecordId, int Submission, IActorRef ReplyTo);
