using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Cluster;

/// <summary>
/// How records spread over the cluster and how front doors wait for them. Immutable: every default
/// comes from <c>hocon/kafka-actors-cluster.conf</c> (embedded), every <c>WithX</c> returns a checked copy.
/// </summary>
public sealed class ClusterProducingSettings
{
    /// <summary>Where <see cref="Create(ActorSystem)"/> reads the settings.</summary>
    public const string ConfigPath = "kafka-actors.cluster";

    private ClusterProducingSettings(string role, int buckets, string typeName, int maxPending, TimeSpan acceptTimeout,
        TimeSpan outcomeTimeout, int maxSubmissions, TimeSpan rejectedBackoff, TimeSpan checkInterval, bool preserveKeyOrder)
    {
        Role = role;
        Buckets = buckets;
        TypeName = typeName;
        MaxPending = maxPending;
        AcceptTimeout = acceptTimeout;
        OutcomeTimeout = outcomeTimeout;
        MaxSubmissions = maxSubmissions;
        RejectedBackoff = rejectedBackoff;
        CheckInterval = checkInterval;
        PreserveKeyOrder = preserveKeyOrder;
    }

    /// <summary>Nodes with this role produce and host buckets (<c>role</c>); empty: every node.</summary>
    public string Role { get; }

    /// <summary>Key buckets (<c>buckets</c>): sharding entities, one per shard. Same on every node.</summary>
    public int Buckets { get; }

    /// <summary>Sharding type name of the bucket entities (<c>type-name</c>).</summary>
    public string TypeName { get; }

    /// <summary>Records pending at one front door, at most (<c>submitter.max-pending</c>).</summary>
    public int MaxPending { get; }

    /// <summary>Unacknowledged submissions are sent again after this (<c>submitter.accept-timeout</c>).</summary>
    public TimeSpan AcceptTimeout { get; }

    /// <summary>Acknowledged records without an outcome are sent again after this (<c>submitter.outcome-timeout</c>).</summary>
    public TimeSpan OutcomeTimeout { get; }

    /// <summary>Submissions per record, the first included (<c>submitter.max-submissions</c>).</summary>
    public int MaxSubmissions { get; }

    /// <summary>Wait before re-sending a record a producer node rejected (<c>submitter.rejected-backoff</c>).</summary>
    public TimeSpan RejectedBackoff { get; }

    /// <summary>How often overdue submissions are looked for (<c>submitter.check-interval</c>).</summary>
    public TimeSpan CheckInterval { get; }

    /// <summary>A key's next record waits until the one before it was accepted by a producer node (<c>submitter.preserve-key-order</c>).</summary>
    public bool PreserveKeyOrder { get; }

    /// <summary>The embedded reference configuration: defaults plus the wire serializer's registration.</summary>
    public static Config Reference => ClusterProducingConfig.Reference;

    /// <summary>Reads <c>kafka-actors.cluster</c> from the system's configuration, over the reference.</summary>
    public static ClusterProducingSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(ClusterProducingConfig.Resolve(system).GetConfig(ConfigPath));
    }

    /// <summary>Reads a section shaped like <c>kafka-actors.cluster</c>; keys it lacks take the reference defaults.</summary>
    public static ClusterProducingSettings Create(Config section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = ConfigReader.ForSection(section, ConfigPath, Reference);
        return new ClusterProducingSettings(
            reader.String("role"),
            reader.PositiveInt("buckets"),
            reader.String("type-name"),
            reader.PositiveInt("submitter.max-pending"),
            reader.Duration("submitter.accept-timeout"),
            reader.Duration("submitter.outcome-timeout"),
            reader.PositiveInt("submitter.max-submissions"),
            reader.Duration("submitter.rejected-backoff", allowZero: true),
            reader.Duration("submitter.check-interval"),
            reader.Bool("submitter.preserve-key-order")).Validated();
    }

    public ClusterProducingSettings WithRole(string role) => Copy(role: role ?? throw new ArgumentNullException(nameof(role)));

    public ClusterProducingSettings WithBuckets(int buckets) => Copy(buckets: buckets);

    public ClusterProducingSettings WithTypeName(string typeName) => Copy(typeName: typeName ?? throw new ArgumentNullException(nameof(typeName)));

    public ClusterProducingSettings WithMaxPending(int maxPending) => Copy(maxPending: maxPending);

    public ClusterProducingSettings WithAcceptTimeout(TimeSpan acceptTimeout) => Copy(acceptTimeout: acceptTimeout);

    public ClusterProducingSettings WithOutcomeTimeout(TimeSpan outcomeTimeout) => Copy(outcomeTimeout: outcomeTimeout);

    public ClusterProducingSettings WithMaxSubmissions(int maxSubmissions) => Copy(maxSubmissions: maxSubmissions);

    public ClusterProducingSettings WithRejectedBackoff(TimeSpan rejectedBackoff) => Copy(rejectedBackoff: rejectedBackoff);

    public ClusterProducingSettings WithCheckInterval(TimeSpan checkInterval) => Copy(checkInterval: checkInterval);

    public ClusterProducingSettings WithPreserveKeyOrder(bool preserveKeyOrder) => Copy(preserveKeyOrder: preserveKeyOrder);

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
            preserve-key-order = {{(PreserveKeyOrder ? "on" : "off")}}
          }
        }
        """;

    public override string ToString() => ToHocon();

    private static string Ms(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";

    private ClusterProducingSettings Copy(string? role = null, int? buckets = null, string? typeName = null, int? maxPending = null,
        TimeSpan? acceptTimeout = null, TimeSpan? outcomeTimeout = null, int? maxSubmissions = null, TimeSpan? rejectedBackoff = null,
        TimeSpan? checkInterval = null, bool? preserveKeyOrder = null) =>
        new ClusterProducingSettings(role ?? Role, buckets ?? Buckets, typeName ?? TypeName, maxPending ?? MaxPending,
            acceptTimeout ?? AcceptTimeout, outcomeTimeout ?? OutcomeTimeout, maxSubmissions ?? MaxSubmissions,
            rejectedBackoff ?? RejectedBackoff, checkInterval ?? CheckInterval, preserveKeyOrder ?? PreserveKeyOrder).Validated();

    /// <summary>Throws, naming the key, when a value cannot work: settings are checked when made, never later.</summary>
    private ClusterProducingSettings Validated()
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
}
