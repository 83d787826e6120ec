using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace KafkaActors.Hosting;

/// <summary>
/// A producer's settings as plain properties, for code and for <c>IConfiguration</c> binding
/// (appsettings.json). Only the values that are set count; each renders to the HOCON key of the same
/// meaning under <c>kafka-actors</c>, so code, HOCON and appsettings are one model.
/// </summary>
public sealed class KafkaProducerOptions
{
    /// <summary><c>kafka-actors.producer.kafka-clients.bootstrap.servers</c>.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Further librdkafka properties (<c>kafka-actors.producer.kafka-clients</c>), e.g. <c>linger.ms</c>.</summary>
    public Dictionary<string, string> KafkaClients { get; set; } = new();

    /// <summary><c>kafka-actors.producer.max-in-flight</c>.</summary>
    public int? MaxInFlight { get; set; }

    /// <summary><c>kafka-actors.producer.ordered</c>.</summary>
    public bool? Ordered { get; set; }

    /// <summary><c>kafka-actors.producer.flush-timeout</c>.</summary>
    public TimeSpan? FlushTimeout { get; set; }

    /// <summary><c>kafka-actors.retry</c>.</summary>
    public KafkaRetryOptions Retry { get; set; } = new();

    /// <summary><c>kafka-actors.dead-letter.topic</c>: a pattern with <c>{topic}</c>, or <c>off</c>.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary><c>kafka-actors.actor.intake-buffer-size</c>.</summary>
    public int? IntakeBufferSize { get; set; }

    /// <summary><c>kafka-actors.actor.close-timeout</c>.</summary>
    public TimeSpan? CloseTimeout { get; set; }

    /// <summary>The set values as HOCON rooted at <c>kafka-actors</c>; unset values are absent, so they fall back.</summary>
    public Config ToConfig()
    {
        var hocon = new StringBuilder();
        var clients = new Dictionary<string, string>(KafkaClients);
        if (BootstrapServers is not null) clients["bootstrap.servers"] = BootstrapServers;
        foreach (var (key, value) in clients) Line(hocon, $"kafka-actors.producer.kafka-clients.{ClientKeyPath(key)}", Quote(value));
        Line(hocon, "kafka-actors.producer.max-in-flight", MaxInFlight);
        Line(hocon, "kafka-actors.producer.ordered", Ordered);
        Line(hocon, "kafka-actors.producer.flush-timeout", FlushTimeout);
        Retry.Render(hocon);
        if (DeadLetterTopic is not null) Line(hocon, "kafka-actors.dead-letter.topic", Quote(DeadLetterTopic));
        Line(hocon, "kafka-actors.actor.intake-buffer-size", IntakeBufferSize);
        Line(hocon, "kafka-actors.actor.close-timeout", CloseTimeout);
        return hocon.Length == 0 ? Config.Empty : ConfigurationFactory.ParseString(hocon.ToString());
    }

    internal static void Line(StringBuilder hocon, string path, object? value)
    {
        var rendered = value switch
        {
            null => null,
            bool b => b ? "on" : "off",
            TimeSpan t => $"{(long)t.TotalMilliseconds}ms",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (rendered is not null) hocon.Append(path).Append(" = ").Append(rendered).Append('\n');
    }

    internal static string Quote(string s) => HoconText.Quote(s);

    // Written as a path (linger.ms, not "linger.ms") so it merges with, and overrides, the same key
    // from HOCON by ordinary fallback; only a key with unusual characters is quoted.
    private static string ClientKeyPath(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !key.StartsWith('.') && !key.EndsWith('.') && !key.Contains("..")
            ? key
            : Quote(key);
}

/// <summary>Retry options (<c>kafka-actors.retry</c>); only the values that are set count.</summary>
public sealed class KafkaRetryOptions
{
    public TimeSpan? MinBackoff { get; set; }
    public TimeSpan? MaxBackoff { get; set; }
    public double? RandomFactor { get; set; }
    public int? MaxAttempts { get; set; }
    public bool? PreserveKeyOrder { get; set; }
    public int? MaxPendingRetries { get; set; }

    internal void Render(StringBuilder hocon)
    {
        KafkaProducerOptions.Line(hocon, "kafka-actors.retry.min-backoff", MinBackoff);
        KafkaProducerOptions.Line(hocon, "kafka-actors.retry.max-backoff", MaxBackoff);
        KafkaProducerOptions.Line(hocon, "kafka-actors.retry.random-factor", RandomFactor);
        KafkaProducerOptions.Line(hocon, "kafka-actors.retry.max-attempts", MaxAttempts);
        KafkaProducerOptions.Line(hocon, "kafka-actors.retry.preserve-key-order", PreserveKeyOrder);
        KafkaProducerOptions.Line(hocon, "kafka-actors.retry.max-pending-retries", MaxPendingRetries);
    }
}
