using System.CommandLine;
using KafkaActors.Cli.Bench;
using KafkaActors.Cli.Broker;

namespace KafkaActors.Cli;

/// <summary>
/// The <c>kafka-actors</c> commands. <c>demo</c> (the root's own action, run with no arguments) and
/// <c>produce</c> need the retry and dead-letter pipeline and join here when it exists; until then the
/// root has no action and asks for a command.
/// </summary>
internal sealed class CommandTree
{
    public CommandTree(CliConsole console)
    {
        Verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print full exception details (stack traces) on failure",
            Recursive = true,
        };
        Root = new RootCommand("KafkaActors: produce to Kafka from Akka.NET, with every record's outcome coming back")
        {
            Verbose,
            BrokerCommand.Create(console),
            BenchCommand.Create(console),
        };
    }

    public RootCommand Root { get; }

    public Option<bool> Verbose { get; }
}
