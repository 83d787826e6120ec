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
        return Create(KafkaActorsConfig.Resolve(system), keySerializer, valueSerializer);
    }

    public static ProducerActorSettings<TKey, TValue> Create(Config config,
        ISerializer<TKey>? keySerializer = null, ISerializer<TValue>? valueSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = new ConfigReader(config.WithFallback(KafkaActorsConfig.Reference), ConfigPath);
        return new ProducerActorSettings<TKey, TValue>(
            ProducerPipelineSettings<TKey, TValue>.Create(config, keySerializer, valueSerializer),
            RetrySettings.Create(config),
            DeadLetterSettings.Create(config),
            section.PositiveInt("intake-buffer-size"),
            section.Duration("close-timeout", allowZero: true));
    }

    public ProducerActorSettings<TKey, TValue> WithProducer(ProducerPipelineSettings<TKey, TValue> producer) =>
        new(producer ?? throw new ArgumentNullException(nameof(producer)), Retry, DeadLetter, IntakeBufferSize, CloseTimeout);

    /// <summary>Shorthand for changing the producer settings in place: <c>s.WithProducer(p => p.WithProperty(...))</c>.</summary>
    public ProducerActorSettings<TKey, TValue> WithProducer(Func<ProducerPipelineSettings<TKey, TValue>, ProducerPipelineSettings<TKey, TValue>> change) =>
        WithProducer(change(Producer));

    public ProducerActorSettings<TKey, TValue> WithBootstrapServers(string bootstrapServers) =>
        WithProducer(Producer.WithBootstrapServers(bootstrapServers));

    public ProducerActorSettings<TKey, TValue> WithRetry(RetrySettings retry) =>
        new(Producer, retry ?? throw new ArgumentNullException(nameof(retry)), DeadLetter, IntakeBufferSize, CloseTimeout);

    public ProducerActorSettings<TKey, TValue> WithRetry(Func<RetrySettings, RetrySettings> change) => WithRetry(change(Retry));

    public ProducerActorSettings<TKey, TValue> WithDeadLetter(DeadLetterSettings deadLetter) =>
        new(Producer, Retry, deadLetter ?? throw new ArgumentNullException(nameof(deadLetter)), IntakeBufferSize, CloseTimeout);

    public ProducerActorSettings<TKey, TValue> WithIntakeBufferSize(int intakeBufferSize) => intakeBufferSize > 0
        ? new ProducerActorSettings<TKey, TValue>(Producer, Retry, DeadLetter, intakeBufferSize, CloseTimeout)
        : throw new ArgumentOutOfRangeException(nameof(intakeBufferSize), intakeBufferSize, "intake-buffer-size must be greater than 0");

    public ProducerActorSettings<TKey, TValue> WithCloseTimeout(TimeSpan closeTimeout) => closeTimeout >= TimeSpan.Zero
        ? new ProducerActorSettings<TKey, TValue>(Producer, Retry, DeadLetter, IntakeBufferSize, closeTimeout)
        : throw new ArgumentOutOfRangeException(nameof(closeTimeout), closeTimeout, "close-timeout must not be negative");

    public override string ToString() =>
        $"ProducerActorSettings(intake-buffer-size={IntakeBufferSize}, close-timeout={CloseTimeout}, {Retry}, {DeadLetter}, {Producer})";
}
