using System.CommandLine;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Broker;

/// <summary>
/// <c>kafka-actors broker</c>: an embedded Kafka broker for local work without Docker. Prints
/// <c>bootstrap.servers=...</c> first, then answers fault commands from stdin until end of input or Ctrl-C.
/// </summary>
internal static class BrokerCommand
{
    public static Command Create(CliConsole console)
    {
        var brokers = CountOption.Create("--brokers", "Number of brokers; their ids are 1..N", 1, minimum: 1);
        var topics = new Option<TopicSpec[]>("--topic")
        {
            Description = "A topic to create at start, as name:partitions (repeatable)",
            HelpName = "name:partitions",
            CustomParser = ParseTopics,
        };
        var command = new Command("broker",
            "Run an embedded Kafka broker until end of input or Ctrl-C. Prints bootstrap.servers=... first, then answers " +
            $"each input line with 'ok' or 'error: ...': {FaultCommandInterpreter.Syntax} (exit code 2 if any was rejected)")
        {
            brokers,
            topics,
        };
        command.SetAction((parse, ct) => RunAsync(console, parse.GetValue(brokers), parse.GetValue(topics) ?? [], ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, int brokers, IReadOnlyList<TopicSpec> topics, CancellationToken ct)
    {
        using var kafka = EmbeddedKafka.Start(brokers);
        foreach (var topic in topics) topic.CreateOn(kafka);

        // The first line is the contract with whoever started us: flush it before anything else.
        // Flushes are not cancellable: Ctrl-C stops the input loop, not an answer half-way.
        await console.Out.WriteLineAsync($"bootstrap.servers={kafka.BootstrapServers}");
        await console.Out.FlushAsync(CancellationToken.None);
        await console.Error.WriteLineAsync(
            $"{kafka}{(topics.Count > 0 ? $", topics {string.Join(", ", topics)}" : "")}. " +
            $"Retention: {EmbeddedRetention.Description} (librdkafka's mock cluster, not configurable). " +
            $"Fault commands: {FaultCommandInterpreter.Syntax}. End of input or Ctrl-C stops it.");

        var interpreter = new FaultCommandInterpreter(kafka);
        var rejected = 0;
        while (await ReadLineAsync(console.In, ct) is { } line)
        {
            if (interpreter.Execute(line) is not { } answer) continue;
            if (!answer.Ok) rejected++;
            await console.Out.WriteLineAsync(answer.ToString());
            await console.Out.FlushAsync(CancellationToken.None);
        }
        return rejected == 0 ? ExitCodes.Ok : ExitCodes.Usage;
    }

    // Console input cannot be cancelled once a read is blocked: read on the pool and stop waiting on
    // Ctrl-C. Null at end of input or on cancellation, both of which stop the broker normally.
    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken ct)
    {
        try
        {
            return await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static TopicSpec[] ParseTopics(System.CommandLine.Parsing.ArgumentResult result)
    {
        var specs = new List<TopicSpec>();
        foreach (var token in result.Tokens)
        {
            if (!TopicSpec.TryParse(token.Value, out var spec, out var error))
            {
                result.AddError(error);
                return [];
            }
            specs.Add(spec!);
        }
        return specs.ToArray();
    }
}
