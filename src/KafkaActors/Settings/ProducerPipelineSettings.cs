using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Confluent.Kafka;
using Config = Akka.Configuration.Config;

namespace KafkaActors;

/// <summary>
/// Everything the producer flow needs: librdkafka properties, serializers and the flow's own knobs.
/// Immutable; read from <c>kafka-actors.producer</c> with the same names in code and configuration.
/// </summary>
public sealed class ProducerPipelineSettings<TKey, TValue>
{
    /// <summary>The configuration section read by <see cref="Create(ActorSystem, ISerializer{TKey}?, ISerializer{TValue}?)"/>.</summary>
    public const string ConfigPath = "kafka-actors.producer";

    private ProducerPipelineSettings(
        ImmutableSortedDictionary<string, string> properties,
        ISerializer<TKey>? keySerializer,
        ISerializer<TValue>? valueSerializer,
        int maxInFlight,
        bool ordered,
        TimeSpan flushTimeout,
        string useDispatcher,
        DeliveryErrorClassifier classifier)
    {
        Properties = properties;
        KeySerializer = keySerializer;
        ValueSerializer = valueSerializer;
        MaxInFlight = maxInFlight;
        Ordered = ordered;
        FlushTimeout = flushTimeout;
        UseDispatcher = useDispatcher;
        Classifier = classifier;
    }

    /// <summary>librdkafka properties (<c>kafka-clients</c>), flattened to dotted keys.</summary>
    public ImmutableSortedDictionary<string, string> Properties { get; }

    /// <summary>Null: Confluent's default serializer for the type (string, byte[], int, long, ...).</summary>
    public ISerializer<TKey>? KeySerializer { get; }

    public ISerializer<TValue>? ValueSerializer { get; }

    /// <summary>Records sent whose outcome has not been emitted yet, at most (<c>max-in-flight</c>).</summary>
    public int MaxInFlight { get; }

    /// <summary>Outcomes in submission order (<c>ordered</c>); otherwise in completion order.</summary>
    public bool Ordered { get; }

    /// <summary>How long cancellation waits for outstanding delivery reports (<c>flush-timeout</c>).</summary>
    public TimeSpan FlushTimeout { get; }

    /// <summary>Dispatcher for the stage (<c>use-dispatcher</c>); empty: the stream's default.</summary>
    public string UseDispatcher { get; }

    /// <summary>Decides what each failure means (<see cref="FailureKind"/>): the defaults plus <c>classify</c>.</summary>
    public DeliveryErrorClassifier Classifier { get; }

    /// <summary>The <c>bootstrap.servers</c> property, or null when unset.</summary>
    public string? BootstrapServers => Properties.GetValueOrDefault("bootstrap.servers");

    /// <summary>Reads <c>kafka-actors.producer</c> from the system's configuration, over the reference defaults.</summary>
    public static ProducerPipelineSettings<TKey, TValue> Create(ActorSystem system,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaActorsConfig.Resolve(system).GetConfig(ConfigPath), keySerializer, valueSerializer);
    }

    /// <summary>
    /// Reads a section shaped like <c>kafka-actors.producer</c> (for instance a named producer's own
    /// section), over the reference defaults.
    /// </summary>
    public static ProducerPipelineSettings<TKey, TValue> Create(Config section,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var reader = ConfigReader.ForSection(section, ConfigPath);
        var properties = reader.Flattened("kafka-clients").ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        ClientProperties.Validate(properties, reader.PathOf("kafka-clients"));
        return new ProducerPipelineSettings<TKey, TValue>(
            properties,
            keySerializer,
            valueSerializer,
            reader.PositiveInt("max-in-flight"),
            reader.Bool("ordered"),
            reader.Duration("flush-timeout", allowZero: true),
            reader.String("use-dispatcher"),
            ClassifierConfig.Read(reader));
    }

    public ProducerPipelineSettings<TKey, TValue> WithBootstrapServers(string bootstrapServers) =>
        WithProperty("bootstrap.servers", bootstrapServers);

    /// <summary>Sets one librdkafka property; an unknown key or invalid value throws naming the key.</summary>
    public ProducerPipelineSettings<TKey, TValue> WithProperty(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var properties = Properties.SetItem(key, value);
        ClientProperties.Validate(new Dictionary<string, string> { [key] = value }, $"{ConfigPath}.kafka-clients");
        return Copy(properties: properties);
    }

    public ProducerPipelineSettings<TKey, TValue> WithProperties(IEnumerable<KeyValuePair<string, string>> properties) =>
        properties.Aggregate(this, (s, p) => s.WithProperty(p.Key, p.Value));

    public ProducerPipelineSettings<TKey, TValue> WithKeySerializer(ISerializer<TKey> serializer) => Copy(keySerializer: serializer);

    public ProducerPipelineSettings<TKey, TValue> WithValueSerializer(ISerializer<TValue> serializer) => Copy(valueSerializer: serializer);

    public ProducerPipelineSettings<TKey, TValue> WithMaxInFlight(int maxInFlight) =>
        maxInFlight > 0 ? Copy(maxInFlight: maxInFlight) : throw new ArgumentOutOfRangeException(nameof(maxInFlight), maxInFlight, "max-in-flight must be greater than 0");

    public ProducerPipelineSettings<TKey, TValue> WithOrdered(bool ordered) => Copy(ordered: ordered);

    public ProducerPipelineSettings<TKey, TValue> WithFlushTimeout(TimeSpan flushTimeout) =>
        flushTimeout >= TimeSpan.Zero ? Copy(flushTimeout: flushTimeout) : throw new ArgumentOutOfRangeException(nameof(flushTimeout), flushTimeout, "flush-timeout must not be negative");

    public ProducerPipelineSettings<TKey, TValue> WithDispatcher(string dispatcher) => Copy(useDispatcher: dispatcher ?? "");

    public ProducerPipelineSettings<TKey, TValue> WithClassifier(DeliveryErrorClassifier classifier) =>
        Copy(classifier: classifier ?? throw new ArgumentNullException(nameof(classifier)));

    /// <summary>Builds a producer from these settings. Fatal errors reach <paramref name="onError"/> too.</summary>
    // native: the caller sends and serves delivery reports itself (RecordSender with a NativeProducer), not Confluent.
    internal IProducer<TKey, TValue> BuildProducer(Action<IProducer<TKey, TValue>, Error> onError, Action<LogMessage>? onLog, bool native = false)
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            throw new KafkaActorsConfigurationException($"{ConfigPath}.kafka-clients.bootstrap.servers", "not set; say where the Kafka brokers are (host:port[,host:port...])");
        var builder = new ProducerBuilder<TKey, TValue>(BuilderProperties(native)).SetErrorHandler(onError);
        if (onLog is not null) builder.SetLogHandler((_, m) => onLog(m));
        if (KeySerializer is not null) builder.SetKeySerializer(KeySerializer);
        if (ValueSerializer is not null) builder.SetValueSerializer(ValueSerializer);
        try
        {
            return builder.Build();
        }
        catch (ArgumentNullException e) when (e.ParamName?.Contains("serializer", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Confluent puts its whole explanation in ParamName here.
            throw new KafkaActorsConfigurationException(ConfigPath, $"cannot build a producer for <{typeof(TKey).Name}, {typeof(TValue).Name}>: {e.ParamName} Pass a serializer.", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new KafkaActorsConfigurationException(ConfigPath, $"cannot build a producer for <{typeof(TKey).Name}, {typeof(TValue).Name}>: {e.Message}", e);
        }
    }

    // Our delivery handlers read partition, offset, timestamp and status only: sparing Confluent the
    // copy of key, value and headers into every report saves ~60 bytes and some CPU per record.
    // A producer the user passes in keeps whatever fields its owner chose.
    private const string DeliveryReportFields = "dotnet.producer.delivery.report.fields";

    private IEnumerable<KeyValuePair<string, string>> BuilderProperties(bool native)
    {
        var properties = Properties.ContainsKey(DeliveryReportFields) ? Properties : Properties.SetItem(DeliveryReportFields, "timestamp,status");
        return native ? properties.SetItems(NativeProducer<TKey, TValue>.Properties) : properties;
    }

    public override string ToString() =>
        $"ProducerPipelineSettings(max-in-flight={MaxInFlight}, ordered={Ordered}, flush-timeout={FlushTimeout}, kafka-clients: {ClientProperties.Render(Properties)})";

    private ProducerPipelineSettings<TKey, TValue> Copy(
        ImmutableSortedDictionary<string, string>? properties = null,
        ISerializer<TKey>? keySerializer = null,
        ISerializer<TValue>? valueSerializer = null,
        int? maxInFlight = null,
        bool? ordered = null,
        TimeSpan? flushTimeout = null,
        string? useDispatcher = null,
        DeliveryErrorClassifier? classifier = null) =>
        new(properties ?? Properties,
            keySerializer ?? KeySerializer,
            valueSerializer ?? ValueSerializer,
            maxInFlight ?? MaxInFlight,
            ordered ?? Ordered,
            flushTimeout ?? FlushTimeout,
            useDispatcher ?? UseDispatcher,
            classifier ?? Classifier);
}
