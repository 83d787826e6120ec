namespace KafkaActors.Cli;

/// <summary>The streams a command talks through: the process's own, or a test's.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsOutputRedirected)
{
    public static CliConsole System => new(Console.In, Console.Out, Console.Error, Console.IsOutputRedirected);
}
