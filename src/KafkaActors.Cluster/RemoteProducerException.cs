namespace KafkaActors.Cluster;

/// <summary>
/// Stands for an exception raised on the producer node that handled a record: exceptions do not cross
/// the wire, their type name and message do.
/// </summary>
public sealed class RemoteProducerException : Exception
{
    public RemoteProducerException(string remoteType, string message) : base($"{remoteType}: {message}")
    {
        RemoteType = remoteType;
    }

    /// <summary>Full name of the exception type on the producer node.</summary>
    public string RemoteType { get; }
}
