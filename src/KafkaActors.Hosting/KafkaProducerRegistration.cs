using Akka.Actor;
using Akka.Hosting;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Config = Akka.Configuration.Config;

namespace KafkaActors.Hosting;

/// <summary>
/// How one named producer is configured and wired: where its settings come from, its serializers,
/// and which registered actors receive its outcomes.
/// Settings precedence, highest first: <see cref="WithOptions"/> (code), the HOCON section
/// (<c>kafka-actors.producers.&lt;name&gt;</c> or <see cref="FromHocon"/>), <see cref="FromConfiguration"/>
/// (appsettings.json), the system's <c>kafka-actors</c> section, the reference defaults.
/// </summary>
public sealed class KafkaProducerRegistration<TKey, TValue, TContext>
{
    /// <summary>Named producers' own HOCON sections live under this path, one per name.</summary>
    public const string NamedSectionsPath = "kafka-actors.producers";

    private readonly List<Action<KafkaProducerOptions>> _codeOptions = new();
    private IConfiguration? _configuration;
    private string? _hoconPath;

    internal KafkaProducerRegistration(string name) => Name = name;

    public string Name { get; }

    internal ISerializer<TKey>? KeySerializer { get; private set; }
    internal ISerializer<TValue>? ValueSerializer { get; private set; }
    internal Type? SuccessActorKey { get; private set; }
    internal Type? DeadLetterActorKey { get; private set; }
    internal IProducerListener<TKey, TValue, TContext>? Listener { get; private set; }

    /// <summary>Sets options in code; they win over every other source.</summary>
    public KafkaProducerRegistration<TKey, TValue, TContext> WithOptions(Action<KafkaProducerOptions> configure)
    {
        _codeOptions.Add(configure ?? throw new ArgumentNullException(nameof(configure)));
        return this;
    }

    /// <summary>Reads a HOCON section shaped like <c>kafka-actors</c> (producer, retry, dead-letter, actor).
    /// Default: <c>kafka-actors.producers.&lt;name&gt;</c> when it exists.</summary>
    public KafkaProducerRegistration<TKey, TValue, TContext> FromHocon(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _hoconPath = path;
        return this;
    }

    /// <summary>Binds <see cref="KafkaProducerOptions"/> from an <c>IConfiguration</c> section (e.g. appsettings.json).</summary>
    public KafkaProducerRegistration<TKey, TValue, TContext> FromConfiguration(IConfiguration section)
    {
        _configuration = section ?? throw new ArgumentNullException(nameof(section));
        return this;
    }

    public KafkaProducerRegistration<TKey, TValue, TContext> WithSerializers(ISerializer<TKey>? key = null, ISerializer<TValue>? value = null)
    {
        KeySerializer = key ?? KeySerializer;
        ValueSerializer = value ?? ValueSerializer;
        return this;
    }

    /// <summary>Delivered outcomes also go to the actor registered under <typeparamref name="TActorKey"/>.</summary>
    public KafkaProducerRegistration<TKey, TValue, TContext> WithSuccessActor<TActorKey>()
    {
        SuccessActorKey = typeof(TActorKey);
        return this;
    }

    /// <summary>DeadLettered outcomes also go to the actor registered under <typeparamref name="TActorKey"/>.</summary>
    public KafkaProducerRegistration<TKey, TValue, TContext> WithDeadLetterActor<TActorKey>()
    {
        DeadLetterActorKey = typeof(TActorKey);
        return this;
    }

    public KafkaProducerRegistration<TKey, TValue, TContext> WithListener(IProducerListener<TKey, TValue, TContext> listener)
    {
        Listener = listener ?? throw new ArgumentNullException(nameof(listener));
        return this;
    }

    /// <summary>
    /// The producer's effective section, shaped like <c>kafka-actors</c> (what
    /// <see cref="ProducerActorSettings{TKey,TValue}.Create(Config, ISerializer{TKey}?, ISerializer{TValue}?)"/> reads):
    /// the sources layered by precedence over the system's <c>kafka-actors</c>; the reference defaults come last, in Create.
    /// </summary>
    internal Config Compose(Config system)
    {
        var code = new KafkaProducerOptions();
        foreach (var configure in _codeOptions) configure(code);

        var hoconPath = _hoconPath ?? $"{NamedSectionsPath}.{Name}";
        if (_hoconPath is not null && !system.HasPath(hoconPath))
            throw new KafkaActorsConfigurationException(hoconPath, $"section is missing (producer '{Name}' was told to read it)");

        var bound = _configuration is null ? Config.Empty : Bind(_configuration).ToConfig();

        // Akka refuses a Config as its own fallback, and Config.Empty is one shared instance: skip empties.
        return new[] { code.ToConfig(), Section(system, hoconPath), bound, Section(system, KafkaActorsConfig.RootPath) }
            .Where(c => !c.IsEmpty)
            .DefaultIfEmpty(Config.Empty)
            .Aggregate((higher, lower) => higher.WithFallback(lower));
    }

    private static Config Section(Config system, string path) => system.HasPath(path) ? system.GetConfig(path) : Config.Empty;

    private KafkaProducerOptions Bind(IConfiguration section)
    {
        try
        {
            return section.Get<KafkaProducerOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new KafkaProducerOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new KafkaActorsConfigurationException(SectionPath(section), Explain(e), e);
        }
    }

    // The binder's outer message can be generic ("binding has failed"); the inner one names the key and value.
    private static string Explain(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        return string.Join(" ", messages.Distinct());
    }

    private static string SectionPath(IConfiguration section) => section is IConfigurationSection s ? s.Path : "(configuration root)";
}
