namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// The producer node did not accept this submission (its intake was full or it is stopping). Nothing
/// was sent; the submitter sends the record again later.
/// </summary>
internal sealed record RecordRejected(Guid RecordId, int Submission, string Reason) : IRecordResult;
