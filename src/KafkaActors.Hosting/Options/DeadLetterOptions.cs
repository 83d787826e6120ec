namespace KafkaActors.Hosting;

/// <summary><c>kafka-actors.dead-letter</c> as options; only the values that are set count.</summary>
public sealed class DeadLetterOptions
{
    /// <summary><c>topic</c>: a pattern with <c>{topic}</c> for the original topic, or <c>off</c>.</summary>
    public string? Topic { get; set; }

    /// <summary><c>kafka-clients</c>: librdkafka properties for the dead-letter producer, on top of the producer's.</summary>
    public Dictionary<string, string> KafkaClients { get; set; } = new();

    internal void Render(HoconSection into, string section)
    {
        into.Set($"{section}.topic", Topic)
            .SetAll($"{section}.kafka-clients", KafkaClients);
    }
}
