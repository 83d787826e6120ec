namespace KafkaActors.Cluster.Protocol;

/// <summary>
/// Marker for every message that crosses nodes. Bound to <see cref="Serialization.ClusterWireSerializer"/>
/// in the embedded reference configuration, so none of them ever falls back to a JSON serializer.
/// </summary>
internal interface IClusterWireMessage
{
}

/// <summary>An answer for a record that ends its journey (or this submission of it) at the submitter.</summary>
internal interface IRecordResult : IClusterWireMessage
{
    /// <summary>The id the submitter gave the record at first submission; also its <c>kafka-actors.record-id</c> header.</summary>
    Guid RecordId { get; }

    /// <summary>Which submission of the record this answers.</summary>
    int Submission { get; }
}
