using Microsoft.Win32.SafeHandles;

namespace KafkaActors.Cli;

/// <summary>
/// The streams a command talks through: the process's own, or a test's. <see cref="OpenInput"/> and
/// <see cref="OpenOutput"/> give raw bytes: records are bytes, and a closed standard output must be an
/// error there (Console.Out ignores a broken pipe).
/// </summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool IsOutputRedirected,
    bool IsErrorRedirected, Func<Stream> OpenInput, Func<Stream> OpenOutput)
{
    public static CliConsole System => new(Console.In, Console.Out, Console.Error, Console.IsOutputRedirected,
        Console.IsErrorRedirected, Console.OpenStandardInput,
        () => new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0));
}
