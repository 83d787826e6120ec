namespace KafkaActors.Cli.Produce;

/// <summary>
/// A record's context: which input line it came from, and its key as written there (the report shows it).
/// </summary>
internal sealed record InputLine(long Number, byte[]? KeyAsWritten);
