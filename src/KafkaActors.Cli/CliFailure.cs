namespace KafkaActors.Cli;

/// <summary>A command could not do its work for a reason the user can act on; the message says what to do.</summary>
internal sealed class CliFailure(string message) : Exception(message);
