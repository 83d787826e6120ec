using Akka.Actor;
using Akka.Configuration;
using Confluent.Kafka;
using Config = Akka.Configuration.Config;

namespace KafkaActors;

/// <summary>
/// Everything the producer actor needs: the producer flow's settings, retry and dead-letter settings,
/// and its own intake bound and close timeout (<c>kafka-actors.actor</c>). Immutable.
/// </summary>
public sealed class ProducerActorSettings<TKey, TValue>
{
    public const string ConfigPath = "kafka-actors.actor";

    private ProducerActorSettings(ProducerPipelineSettings<TKey, TValue> producer, RetrySettings retry,
        DeadLetterSettings deadLetter, int intakeBufferSize, TimeSpan closeTimeout)
    {
        Producer = producer;
        Retry = retry;
        DeadLetter = deadLetter;
        IntakeBufferSize = intakeBufferSize;
        CloseTimeout = closeTimeout;
    }

    public ProducerPipelineSettings<TKey, TValue> Producer { get; }

    public RetrySettings Retry { get; }

    public DeadLetterSettings DeadLetter { get; }

    /// <summary>Records accepted and not yet sent, at most (<c>intake-buffer-size</c>); beyond it Produce is rejected.</summary>
    public int IntakeBufferSize { get; }

    /// <summary>How long a graceful stop waits for in-flight records and due retries (<c>close-timeout</c>).</summary>
    public TimeSpan CloseTimeout { get; }

    /// <summary>Reads every <c>kafka-actors</c> section from the system's configuration, over the reference defaults.</summary>
    public static ProducerActorSettings<TKey, TValue> Create(ActorSystem system,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Create(KafkaActorsConfig.Resolve(system).GetConfig(KafkaActorsConfig.RootPath), keySerializer, valueSerializer);
    }

    /// <summary>
    /// Reads a section shaped like <c>kafka-actors</c> (<c>producer</c>, <c>retry</c>, <c>dead-letter</c>,
    /// <c>actor</c>; for instance a named producer's own section), over the reference defaults.
    /// </summary>
    public static ProducerActorSettings<TKey, TValue> Create(Config section,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        KnownKeys.CheckSection(section, KafkaActorsConfig.RootPath);
        var reader = ConfigReader.ForSection(Sub(section, "actor"), ConfigPath);
        return new ProducerActorSettings<TKey, TValue>(
            ProducerPipelineSettings<TKey, TValue>.Create(Sub(section, "producer"), keySerializer, valueSerializer),
            RetrySettings.Create(Sub(section, "retry")),
            DeadLetterSettings.Create(Sub(section, "dead-letter")),
            reader.PositiveInt("intake-buffer-size"),
            reader.Duration("close-timeout", allowZero: true));
    }

    private static Config Sub(Config section, string name) => section.HasPath(name) ? section.GetConfig(name) : Config.Empty;

    public ProducerActorSettings<TKey, TValue> WithProducer(ProducerPipelineSettings<TKey, TValue> producer) =>
        Copy(producer: producer ?? throw new ArgumentNullException(nameof(producer)));

    /// <summary>Shorthand for changing the producer settings in place: <c>s.WithProducer(p => p.WithProperty(...))</c>.</summary>
    public ProducerActorSettings<TKey, TValue> WithProducer(Func<ProducerPipelineSettings<TKey, TValue>, ProducerPipelineSettings<TKey, TValue>> change) =>
        WithProducer(change(Producer));

    public ProducerActorSettings<TKey, TValue> WithBootstrapServers(string bootstrapServers) =>
        WithProducer(Producer.WithBootstrapServers(bootstrapServers));

    public ProducerActorSettings<TKey, TValue> WithRetry(RetrySettings retry) =>
        Copy(retry: retry ?? throw new ArgumentNullException(nameof(retry)));

    public ProducerActorSettings<TKey, TValue> WithRetry(Func<RetrySettings, RetrySettings> change) => WithRetry(change(Retry));

    public ProducerActorSettings<TKey, TValue> WithDeadLetter(DeadLetterSettings deadLetter) =>
        Copy(deadLetter: deadLetter ?? throw new ArgumentNullException(nameof(deadLetter)));

    public ProducerActorSettings<TKey, TValue> WithIntakeBufferSize(int intakeBufferSize) => intakeBufferSize > 0
        ? Copy(intakeBufferSize: intakeBufferSize)
        : throw new ArgumentOutOfRangeException(nameof(intakeBufferSize), intakeBufferSize, "intake-buffer-size must be greater than 0");

    public ProducerActorSettings<TKey, TValue> WithCloseTimeout(TimeSpan closeTimeout) => closeTimeout >= TimeSpan.Zero
        ? Copy(closeTimeout: closeTimeout)
        : throw new ArgumentOutOfRangeException(nameof(closeTimeout), closeTimeout, "close-timeout must not be negative");

    private ProducerActorSettings<TKey, TValue> Copy(ProducerPipelineSettings<TKey, TValue>? producer = null, RetrySettings? retry = null,
        DeadLetterSettings? deadLetter = null, int? intakeBufferSize = null, TimeSpan? closeTimeout = null) =>
        new(producer ?? Producer, retry ?? Retry, deadLetter ?? DeadLetter, intakeBufferSize ?? IntakeBufferSize, closeTimeout ?? CloseTimeout);

    public override string ToString() =>
        $"ProducerActorSettings(intake-buffer-size={IntakeBufferSize}, close-timeout={CloseTimeout}, {Retry}, {DeadLetter}, {Producer})";
}
