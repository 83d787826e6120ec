namespace KafkaActors.Testing;

/// <summary>The embedded broker could not be started or refused a command.</summary>
public sealed class EmbeddedKafkaException : Exception
{
    public EmbeddedKafkaException(string message, Exception? inner = null) : base(message, inner) { }
}
