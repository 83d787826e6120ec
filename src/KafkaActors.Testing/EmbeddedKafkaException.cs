using Confluent.Kafka;

namespace KafkaActors.Testing;

/// <summary>The embedded broker could not be started or refused a command.</summary>
public sealed class EmbeddedKafkaException : Exception
{
    public EmbeddedKafkaException(string message, Exception? inner = null) : base(message, inner) { }

    public EmbeddedKafkaException(string message, ErrorCode code) : base(message) => Code = code;

    /// <summary>The error the mock cluster answered with, when it refused a command; else <see cref="ErrorCode.Unknown"/>.</summary>
    public ErrorCode Code { get; } = ErrorCode.Unknown;
}
