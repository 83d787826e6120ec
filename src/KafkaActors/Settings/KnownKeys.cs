using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace KafkaActors;

/// <summary>
/// Refuses keys under <c>kafka-actors</c> that no reference configuration defines, naming the full key
/// with the closest known one. Free-form on purpose: <c>kafka-clients</c> (librdkafka checks those
/// itself), <c>producer.classify</c> (error-code names, checked as such) and the producer names under
/// <c>producers</c>, each of which has the shape of <c>kafka-actors</c> itself.
/// </summary>
internal static class KnownKeys
{
    private const string Producers = "producers";

    // Both references, so a core-only application still gets told about a misspelt cluster key.
    private static readonly Lazy<HoconObject> Schema = new(() =>
        ConfigurationFactory.ParseString(ReadResource("KafkaActors.kafka-actors-cluster.conf"))
            .WithFallback(KafkaActorsConfig.Reference)
            .GetValue(KafkaActorsConfig.RootPath).GetObject());

    /// <summary>
    /// Throws for the first unknown key under <c>kafka-actors</c>; <paramref name="locate"/> says where a
    /// path was written, when known. With <paramref name="clientProperties"/> every <c>kafka-clients</c>
    /// section is checked by librdkafka too (ParseFile: so that error can name its line as well).
    /// </summary>
    public static void Check(Config config, Func<IReadOnlyList<string>, ConfigLocation?>? locate = null, bool clientProperties = false)
    {
        if (config.IsEmpty || !config.HasPath(KafkaActorsConfig.RootPath)) return;
        var section = config.GetValue(KafkaActorsConfig.RootPath);
        if (!section.IsObject()) return;
        Walk(section.GetObject(), Schema.Value, [KafkaActorsConfig.RootPath], locate, atRoot: true,
            clientProperties ? clients => CheckClients(config, clients, locate) : null);
    }

    /// <summary>
    /// The same check for a section handed over on its own (<c>Create(Config section)</c>), against the
    /// reference's shape at <paramref name="path"/> (<c>kafka-actors</c> itself, or one of its sections).
    /// </summary>
    public static void CheckSection(Config section, string path)
    {
        if (section.IsEmpty || !section.Root.IsObject()) return;
        if (section.Root.GetObject().Items.ContainsKey(KafkaActorsConfig.RootPath))
            throw new KafkaActorsConfigurationException(path,
                $"expected the '{path}' section itself, got a whole configuration; pass config.GetConfig(\"{path}\"), or create the settings from the ActorSystem");
        var schema = Schema.Value;
        var names = path.Split('.');
        foreach (var name in names.Skip(1))
            schema = schema.Items.TryGetValue(name, out var sub) && sub.IsObject() ? sub.GetObject() : throw new ArgumentException($"no section {path} in the reference", nameof(path));
        Walk(section.Root.GetObject(), schema, names, locate: null, atRoot: names.Length == 1, onClients: null);
    }

    private static void CheckClients(Config config, string[] path, Func<IReadOnlyList<string>, ConfigLocation?>? locate)
    {
        var properties = new ConfigReader(config, string.Join('.', path[..^1])).Flattened(path[^1]);
        // Written as a path (sasl.password = ...) or quoted ("sasl.password" = ...).
        ClientProperties.Validate(properties, string.Join('.', path), key => locate?.Invoke([.. path, .. key.Split('.')]) ?? locate?.Invoke([.. path, key]));
    }

    /// <summary>
    /// Throws for a top-level key that looks like a misspelt <c>kafka-actors</c> (<c>kafka-actor</c>,
    /// <c>kafka_actors</c>). Only for text handed to us to read (ParseFile, ParseString): an ActorSystem's
    /// configuration also holds Akka's and other applications' roots, which are not ours to judge.
    /// </summary>
    public static void CheckRoots(Config config, Func<IReadOnlyList<string>, ConfigLocation?>? locate = null)
    {
        if (config.IsEmpty || !config.Root.IsObject()) return;
        foreach (var name in config.Root.GetObject().Items.Keys)
            if (name != KafkaActorsConfig.RootPath && DidYouMean.Distance(name.ToLowerInvariant(), KafkaActorsConfig.RootPath) <= 3)
                throw new KafkaActorsConfigurationException(name,
                    $"unknown top-level key; did you mean '{KafkaActorsConfig.RootPath}'?", locate?.Invoke([name]));
    }

    private static void Walk(HoconObject given, HoconObject schema, string[] path, Func<IReadOnlyList<string>, ConfigLocation?>? locate, bool atRoot,
        Action<string[]>? onClients)
    {
        foreach (var (name, value) in given.Items)
        {
            var here = path.Append(name).ToArray();
            if (atRoot && name == Producers)
            {
                if (!value.IsObject()) continue;
                foreach (var (producer, section) in value.GetObject().Items)
                    if (section.IsObject()) Walk(section.GetObject(), Schema.Value, [.. here, producer], locate, atRoot: false, onClients);
                continue;
            }
            if (!schema.Items.TryGetValue(name, out var known))
            {
                var candidates = atRoot ? schema.Items.Keys.Append(Producers).ToList() : schema.Items.Keys.ToList();
                var parent = string.Join('.', path);
                throw new KafkaActorsConfigurationException(string.Join('.', here),
                    "unknown key" + DidYouMean.Hint(name, candidates, k => $"{parent}.{k}"), locate?.Invoke(here));
            }
            if (name == "kafka-clients" && value.IsObject()) onClients?.Invoke(here);
            if (name == "kafka-clients" || !value.IsObject() || !known.IsObject()) continue;
            if (name == "classify")
            {
                foreach (var code in value.GetObject().Items.Keys) ClassifierConfig.CheckCodeName(code, [.. here, code], locate);
                continue;
            }
            Walk(value.GetObject(), known.GetObject(), here, locate, atRoot: false, onClients);
        }
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(KnownKeys).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The embedded {name} resource is missing from the KafkaActors assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
