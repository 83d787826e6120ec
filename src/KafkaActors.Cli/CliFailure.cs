namespace KafkaActors.Cli;

/// <summary>
/// A command could not do its work for a reason the user can act on; the message says what to do and
/// <see cref="ExitCode"/> which kind of problem it was.
/// </summary>
internal sealed class CliFailure(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
