namespace KafkaActors.Cli;

/// <summary>
/// Bad input found while a command runs (after parsing). Its message says what is wrong and what to do;
/// it is printed as one line and the process exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
