using Confluent.Kafka;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Broker;

/// <summary>
/// The fault language of the <c>broker</c> command, one command a line, applied to a running
/// <see cref="EmbeddedKafka"/>. Every command is answered; a bad one is answered with what to type.
/// </summary>
internal sealed class FaultCommandInterpreter(EmbeddedKafka kafka)
{
    public const string Syntax =
        "down <id> | up <id> | rtt <id> <ms> | errors <code> [<code>...] | clear | topic <name> <partitions>";

    /// <summary>Executes one line; null for a blank line (nothing to answer).</summary>
    public FaultAnswer? Execute(string line)
    {
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        try
        {
            return words[0].ToLowerInvariant() switch
            {
                "down" => WithBroker(words, "down <id>", kafka.SetBrokerDown),
                "up" => WithBroker(words, "up <id>", kafka.SetBrokerUp),
                "rtt" => Rtt(words),
                "errors" => Errors(words),
                "clear" => Clear(words),
                "topic" => Topic(words),
                _ => FaultAnswer.Rejected($"unknown command '{words[0]}'; commands: {Syntax}"),
            };
        }
        catch (EmbeddedKafkaException e)
        {
            return FaultAnswer.Rejected(e.Message);
        }
    }

    private FaultAnswer WithBroker(string[] words, string usage, Action<int> apply)
    {
        if (words.Length != 2) return WrongArguments(words, usage);
        if (!TryBrokerId(words[1], out var id, out var problem)) return FaultAnswer.Rejected(problem);
        apply(id);
        return FaultAnswer.Done;
    }

    private FaultAnswer Rtt(string[] words)
    {
        const string usage = "rtt <id> <ms>";
        if (words.Length != 3) return WrongArguments(words, usage);
        if (!TryBrokerId(words[1], out var id, out var problem)) return FaultAnswer.Rejected(problem);
        if (!int.TryParse(words[2], out var ms) || ms < 0)
            return FaultAnswer.Rejected($"'{words[2]}' is not a round-trip time; give milliseconds >= 0, e.g. 'rtt {id} 50' (0 removes it)");
        kafka.SetBrokerRtt(id, TimeSpan.FromMilliseconds(ms));
        return FaultAnswer.Done;
    }

    private FaultAnswer Errors(string[] words)
    {
        if (words.Length < 2) return WrongArguments(words, "errors <code> [<code>...]");
        var codes = new ErrorCode[words.Length - 1];
        for (var i = 1; i < words.Length; i++)
        {
            if (!TryErrorCode(words[i], out codes[i - 1]))
                return FaultAnswer.Rejected($"'{words[i]}' is not a Kafka error code; use ErrorCode names or numbers, e.g. 'errors NotLeaderForPartition 7'");
        }
        kafka.PushProduceErrors(codes);
        return FaultAnswer.Done;
    }

    private FaultAnswer Clear(string[] words)
    {
        if (words.Length != 1) return WrongArguments(words, "clear");
        kafka.ClearProduceErrors();
        return FaultAnswer.Done;
    }

    private FaultAnswer Topic(string[] words)
    {
        if (words.Length != 3) return WrongArguments(words, "topic <name> <partitions>");
        if (!TopicSpec.TryCreate(words[1], words[2], out var spec, out var problem)) return FaultAnswer.Rejected(problem);
        spec!.CreateOn(kafka);
        return FaultAnswer.Done;
    }

    private bool TryBrokerId(string text, out int id, out string problem)
    {
        if (int.TryParse(text, out id) && id >= 1 && id <= kafka.BrokerCount)
        {
            problem = "";
            return true;
        }
        problem = $"no broker '{text}'; broker ids are 1..{kafka.BrokerCount}";
        return false;
    }

    // Names (any case) or numbers, as long as Confluent knows the code.
    private static bool TryErrorCode(string text, out ErrorCode code)
    {
        if (int.TryParse(text, out var number))
        {
            code = (ErrorCode)number;
            return Enum.IsDefined(code);
        }
        var name = Enum.GetNames<ErrorCode>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        code = name is null ? default : Enum.Parse<ErrorCode>(name);
        return name is not null;
    }

    private static FaultAnswer WrongArguments(string[] words, string usage) =>
        FaultAnswer.Rejected($"'{string.Join(' ', words)}' has the wrong arguments; the syntax is '{usage}'");
}
