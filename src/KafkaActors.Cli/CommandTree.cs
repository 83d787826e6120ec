using System.CommandLine;
using KafkaActors.Cli.Bench;
using KafkaActors.Cli.Broker;
using KafkaActors.Cli.Copy;
using KafkaActors.Cli.Demo;
using KafkaActors.Cli.Node;
using KafkaActors.Cli.Produce;

namespace KafkaActors.Cli;

/// <summary>
/// The <c>kafka-actors</c> commands. <c>demo</c> is also the root's own action: it runs with no arguments.
/// </summary>
internal sealed class CommandTree
{
    public CommandTree(CliConsole console, TerminationSignals signals)
    {
        Verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print full exception details (stack traces) on failure",
            Recursive = true,
        };
        Root = new RootCommand("KafkaActors: produce to Kafka from Akka.NET, with every record's outcome coming back")
        {
            Verbose,
            ProduceCommand.Create(console, signals),
            CopyCommand.Create(console, signals),
            BrokerCommand.Create(console),
            BenchCommand.Create(console),
            NodeCommand.Create(console),
        };
        Root.Subcommands.Insert(0, DemoCommand.Create(console, Root));
    }

    public RootCommand Root { get; }

    public Option<bool> Verbose { get; }
}
