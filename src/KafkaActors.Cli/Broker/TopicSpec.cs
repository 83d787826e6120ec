using System.Text.RegularExpressions;
using KafkaActors.Testing;

namespace KafkaActors.Cli.Broker;

/// <summary>A topic to create on the embedded broker: from <c>--topic name:partitions</c> or <c>topic name n</c>.</summary>
internal sealed partial record TopicSpec(string Name, int Partitions)
{
    private const int MaxNameLength = 249; // Kafka's own limit

    /// <summary>Parses <c>name:partitions</c>; on failure <paramref name="error"/> says what to type instead.</summary>
    public static bool TryParse(string text, out TopicSpec? spec, out string error)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            spec = null;
            error = $"--topic '{text}' is not name:partitions; e.g. --topic {(text.Length > 0 ? text : "orders")}:3";
            return false;
        }
        return TryCreate(text[..colon], text[(colon + 1)..], out spec, out error);
    }

    /// <summary>Validates a name and a partition count given as text.</summary>
    public static bool TryCreate(string name, string partitions, out TopicSpec? spec, out string error)
    {
        spec = null;
        if (name.Length is 0 or > MaxNameLength || !LegalName().IsMatch(name))
        {
            error = $"'{name}' is not a valid topic name; use 1 to {MaxNameLength} letters, digits, '.', '_' or '-'";
            return false;
        }
        if (!int.TryParse(partitions, out var count) || count < 1)
        {
            error = $"'{partitions}' is not a partition count for topic '{name}'; give a whole number of at least 1";
            return false;
        }
        spec = new TopicSpec(name, count);
        error = "";
        return true;
    }

    /// <summary>Creates the topic, replicated like the broker's auto-created topics (up to 3 brokers).</summary>
    public void CreateOn(EmbeddedKafka kafka) => kafka.CreateTopic(Name, Partitions, Math.Min(3, kafka.BrokerCount));

    public override string ToString() => $"{Name}:{Partitions}";

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex LegalName();
}
