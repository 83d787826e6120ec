using System.CommandLine;
using Confluent.Kafka;
using KafkaActors.Testing;

namespace KafkaActors.Cli;

/// <summary>
/// Parses and runs one command line. Anything that goes wrong ends as one line on stderr saying what
/// and what to do, with a non-zero exit code; stack traces only with <c>--verbose</c>.
/// </summary>
internal static class KafkaActorsCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        using var termination = new TerminationSignals();
        var tree = new CommandTree(console, termination);
        var parse = tree.Root.Parse(args);

        // --help and --version clear parse errors: `bench --bogus --help` shows the help.
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            console.Error.WriteLine(DescribeParseErrors(tree.Root, parse));
            return ExitCodes.Usage;
        }

        var verbose = parse.GetValue(tree.Verbose);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // TerminationSignals does it
                Output = console.Out,
                Error = console.Error,
            }, termination.Token);
        }
        catch (OperationCanceledException) when (termination.Received is not null)
        {
            console.Error.WriteLine($"stopped by {termination.Name}");
            return termination.ExitCode;
        }
        catch (Exception e)
        {
            // A CliFailure's message is the whole story; for anything else the stack trace may help.
            console.Error.WriteLine(verbose ? $"error: {e}" : e is CliFailure ? $"error: {e.Message}" : $"error: {Describe(e)} (--verbose shows the stack trace)");
            return ExitCodeFor(e);
        }
    }

    private static string DescribeParseErrors(RootCommand root, ParseResult parse)
    {
        string what;
        if (parse.UnmatchedTokens.Count > 0)
            what = $"unrecognized command or argument '{parse.UnmatchedTokens[0]}'";
        else if (parse.CommandResult.Command == root && root.Action is null)
            return $"error: say which command to run: {string.Join(", ", root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}. " +
                   "Run 'kafka-actors --help' for what each does.";
        else
            what = OneLine(parse.Errors[0].Message).TrimEnd('.');

        var more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more)" : "";
        return $"error: {what}{more}. Run '{CommandPath(parse)} --help' for usage.";
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command is RootCommand ? "kafka-actors" : result.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    private static int ExitCodeFor(Exception e) => e switch
    {
        CliFailure failure => failure.ExitCode,
        KafkaActorsConfigurationException => ExitCodes.Usage,
        IOException or UnauthorizedAccessException => ExitCodes.InputOutput, // FileNotFound and DirectoryNotFound are IOExceptions
        _ => ExitCodes.Failure,
    };

    // Known failures carry messages written for people; anything else gets its type for context.
    private static string Describe(Exception e) => e switch
    {
        EmbeddedKafkaException or KafkaException or KafkaActorsConfigurationException or CliFailure or FileNotFoundException
            or DirectoryNotFoundException or UnauthorizedAccessException => OneLine(e.Message),
        _ => $"{e.GetType().Name}: {OneLine(e.Message)}",
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
