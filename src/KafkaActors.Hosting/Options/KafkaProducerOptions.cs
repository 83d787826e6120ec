using Akka.Configuration;

namespace KafkaActors.Hosting;

/// <summary>
/// A producer's settings as plain properties, for code and for <c>IConfiguration</c> binding
/// (appsettings.json): the same model as <c>hocon/kafka-actors.conf</c>, one property per key, one class
/// per section (<c>producer</c>, <c>retry</c>, <c>dead-letter</c>, <c>actor</c>). Only the values that are
/// set count; the rest fall back to the next source.
/// </summary>
public sealed class KafkaProducerOptions
{
    /// <summary>Shorthand for <c>producer.kafka-clients.bootstrap.servers</c>; wins over <see cref="ProducerPipelineOptions.KafkaClients"/>.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary><c>producer</c>: the producer flow (<see cref="ProducerPipelineSettings{TKey,TValue}"/>).</summary>
    public ProducerPipelineOptions Producer { get; set; } = new();

    /// <summary><c>retry</c> (<see cref="RetrySettings"/>).</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary><c>dead-letter</c> (<see cref="DeadLetterSettings"/>).</summary>
    public DeadLetterOptions DeadLetter { get; set; } = new();

    /// <summary><c>actor</c>: the producer actor's own knobs (<see cref="ProducerActorSettings{TKey,TValue}"/>).</summary>
    public ProducerActorOptions Actor { get; set; } = new();

    /// <summary>
    /// The set values as a section shaped like <c>kafka-actors</c>, built directly (no text parsed): what
    /// <see cref="ProducerActorSettings{TKey,TValue}.Create(Config, Confluent.Kafka.ISerializer{TKey}?, Confluent.Kafka.ISerializer{TValue}?)"/> reads.
    /// </summary>
    public Config ToConfig() => Render().ToConfig();

    /// <summary>The same as HOCON text, to place under <c>kafka-actors</c> or <c>kafka-actors.producers.&lt;name&gt;</c>.</summary>
    public string ToHocon() => Render().ToHocon();

    private HoconSection Render()
    {
        var section = new HoconSection();
        Producer?.Render(section, "producer");
        section.Set("producer.kafka-clients.bootstrap.servers", BootstrapServers);
        Retry?.Render(section, "retry");
        DeadLetter?.Render(section, "dead-letter");
        Actor?.Render(section, "actor");
        return section;
    }
}
