using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Cluster;

/// <summary>
/// How records spread over the cluster and how submitters wait for them. Immutable; read from
/// <c>kafka-actors.cluster</c> with the same names in code and configuration.
/// </summary>
public sealed record KafkaProducerClusterSettings
{
    public const string ConfigPath = "kafka-actors.cluster";

    /// <summary>Nodes with this role produce and host buckets (<c>role</c>); empty: every node.</summary>
    public string Role { get; init; } = "kafka-producer";

    /// <summary>Key buckets (<c>buckets</c>): sharding entities, one per shard. Same on every node.</summary>
    public int Buckets { get; init; } = 64;

    /// <summary>Sharding type name of the bucket entities (<c>type-name</c>).</summary>
    public string TypeName { get; init; } = "kafka-actors-bucket";

    /// <summary>Records pending at one submitter, at most (<c>submitter.max-pending</c>).</summary>
    public int MaxPending { get; init; } = 10000;

    /// <summary>Unacknowledged submissions are sent again after this (<c>submitter.accept-timeout</c>).</summary>
    public TimeSpan AcceptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Acknowledged records without an outcome are sent again after this (<c>submitter.outcome-timeout</c>).</summary>
    public TimeSpan OutcomeTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Submissions per record, the first included (<c>submitter.max-submissions</c>).</summary>
    public int MaxSubmissions { get; init; } = 10;

    /// <summary>Wait before re-sending a record a producer node rejected (<c>submitter.rejected-backoff</c>).</summary>
    public TimeSpan RejectedBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often overdue submissions are looked for (<c>submitter.check-interval</c>).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The embedded reference configuration: defaults plus the wire serializer's registration.</summary>
    public static Config Reference => KafkaProducerClusterConfig.Reference;

    public static KafkaProducerClusterSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaProducerClusterConfig.Resolve(system));
    }

    public static KafkaProducerClusterSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = new ConfigReader(config.WithFallback(Reference), ConfigPath);
        return new KafkaProducerClusterSettings
        {
            Role = section.String("role"),
            Buckets = section.PositiveInt("buckets"),
            TypeName = NonEmpty(section.String("type-name"), section.PathOf("type-name")),
            MaxPending = section.PositiveInt("submitter.max-pending"),
            AcceptTimeout = section.Duration("submitter.accept-timeout"),
            OutcomeTimeout = section.Duration("submitter.outcome-timeout"),
            MaxSubmissions = section.PositiveInt("submitter.max-submissions"),
            RejectedBackoff = section.Duration("submitter.rejected-backoff", allowZero: true),
            CheckInterval = section.Duration("submitter.check-interval"),
        }.Validated();
    }

    /// <summary>These settings as HOCON at <see cref="ConfigPath"/>: code and configuration stay one model.</summary>
    public string ToHocon() => $$"""
        {{ConfigPath}} {
          role = "{{Role}}"
          buckets = {{Buckets}}
          type-name = "{{TypeName}}"
          submitter {
            max-pending = {{MaxPending}}
            accept-timeout = {{Ms(AcceptTimeout)}}
            outcome-timeout = {{Ms(OutcomeTimeout)}}
            max-submissions = {{MaxSubmissions}}
            rejected-backoff = {{Ms(RejectedBackoff)}}
            check-interval = {{Ms(CheckInterval)}}
          }
        }
        """;

    private static string Ms(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";

    /// <summary>Throws, naming the key, when a value cannot work; <c>with</c> copies are checked when used.</summary>
    public KafkaProducerClusterSettings Validated()
    {
        Require(Buckets > 0, "buckets", "must be greater than 0");
        Require(MaxPending > 0, "submitter.max-pending", "must be greater than 0");
        Require(MaxSubmissions > 0, "submitter.max-submissions", "must be greater than 0");
        Require(AcceptTimeout > TimeSpan.Zero, "submitter.accept-timeout", "must be positive");
        Require(OutcomeTimeout > TimeSpan.Zero, "submitter.outcome-timeout", "must be positive");
        Require(RejectedBackoff >= TimeSpan.Zero, "submitter.rejected-backoff", "must not be negative");
        Require(CheckInterval > TimeSpan.Zero, "submitter.check-interval", "must be positive");
        Require(!string.IsNullOrWhiteSpace(TypeName), "type-name", "must not be empty");
        return this;
    }

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition) throw new KafkaActorsConfigurationException($"{ConfigPath}.{key}", problem);
    }

    private static string NonEmpty(string value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new KafkaActorsConfigurationException(path, "must not be empty") : value;
}
