using System.Collections;
using System.Reflection;
using System.Text;
using Akka.Configuration;
using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>The options are the reference configuration's model: every key has its option and every option its key.</summary>
public class OptionsModelTests
{
    // Sections whose keys are the user's (librdkafka properties, error codes), not the library's.
    private static readonly HashSet<string> Maps = ["kafka-clients", "classify"];

    // Sections a hosted producer actor does not read: the durable producer (KafkaActors.Durability) and the
    // transactional flow have their own settings.
    private static readonly string[] NotTheProducerActors = ["durability.", "transactions."];

    [Fact]
    public void Every_key_of_the_reference_configuration_has_its_option_and_vice_versa()
    {
        var keys = ReferenceKeys(KafkaActorsConfig.Reference.GetConfig(KafkaActorsConfig.RootPath).Root, "")
            .Where(k => !NotTheProducerActors.Any(k.StartsWith)).ToHashSet();
        var options = OptionLeaves().Select(o => o.Path).ToHashSet();

        Assert.Empty(keys.Except(options));    // a key without an option
        Assert.Empty(options.Except(keys));    // an option without a key
        Assert.Contains("retry.max-held-records", keys); // the walk reaches the keys that had drifted
        Assert.Contains("producer.classify", keys);
    }

    [Fact]
    public void Each_option_renders_to_its_own_key_and_the_settings_read_it()
    {
        foreach (var leaf in OptionLeaves())
        {
            var options = new KafkaProducerOptions();
            leaf.Set(options);

            var config = options.ToConfig();

            var rendered = RenderedLeaves(config.Root, "").ToList();
            Assert.NotEmpty(rendered);
            Assert.All(rendered, r => Assert.True(leaf.IsMap ? r.StartsWith(leaf.Path + ".", StringComparison.Ordinal) : r == leaf.Path,
                $"{leaf.Name} rendered to {r}, not {leaf.Path}"));
            _ = ProducerActorSettings<string, string>.Create(config); // the rendered value is one the settings accept
        }
    }

    [Fact]
    public void The_hocon_text_parses_to_the_same_values_as_the_config()
    {
        var options = new KafkaProducerOptions { BootstrapServers = "a:1,b:2" };
        foreach (var leaf in OptionLeaves()) leaf.Set(options);

        var config = options.ToConfig();
        var parsed = ConfigurationFactory.ParseString(options.ToHocon());

        var paths = RenderedLeaves(config.Root, "").ToList();
        Assert.Equal(paths, RenderedLeaves(parsed.Root, "").ToList());
        Assert.All(paths, p => Assert.Equal(config.GetString(p), parsed.GetString(p)));
        Assert.Equal("a:1,b:2", config.GetString("producer.kafka-clients.bootstrap.servers"));
    }

    private static IEnumerable<string> ReferenceKeys(Akka.Configuration.Hocon.HoconValue section, string prefix)
    {
        foreach (var (key, value) in section.GetObject().Items)
        {
            var path = prefix + key;
            if (value.IsObject() && !Maps.Contains(key))
                foreach (var inner in ReferenceKeys(value, path + ".")) yield return inner;
            else
                yield return path;
        }
    }

    private static IEnumerable<string> RenderedLeaves(Akka.Configuration.Hocon.HoconValue value, string prefix) =>
        value.GetObject().Items.SelectMany(item => item.Value.IsObject()
            ? RenderedLeaves(item.Value, prefix + item.Key + ".")
            : [prefix + item.Key]);

    private sealed record Leaf(string Name, string Path, bool IsMap, Action<KafkaProducerOptions> Set);

    // Every settable option below KafkaProducerOptions' sections, with the key its name says and a valid value.
    // BootstrapServers is a shorthand inside producer.kafka-clients (a map), so it has no key of its own.
    private static IEnumerable<Leaf> OptionLeaves() =>
        typeof(KafkaProducerOptions).GetProperties()
            .Where(section => section.Name != nameof(KafkaProducerOptions.BootstrapServers))
            .SelectMany(section => section.PropertyType.GetProperties().Select(option =>
            {
                var isMap = typeof(IDictionary).IsAssignableFrom(option.PropertyType);
                return new Leaf($"{section.Name}.{option.Name}", $"{Kebab(section.Name)}.{Kebab(option.Name)}", isMap,
                    o => Fill(option, section.GetValue(o)!));
            }));

    private static void Fill(PropertyInfo option, object section)
    {
        var type = Nullable.GetUnderlyingType(option.PropertyType) ?? option.PropertyType;
        if (option.GetValue(section) is IDictionary map)
        {
            if (map is Dictionary<ErrorCode, FailureKind> classify) classify[ErrorCode.RequestTimedOut] = FailureKind.Permanent;
            else map["linger.ms"] = "1";
            return;
        }
        option.SetValue(section, option.Name switch
        {
            nameof(ProducerPipelineOptions.UseDispatcher) => "akka.actor.default-dispatcher",
            nameof(DeadLetterOptions.Topic) => "{topic}.dead",
            _ when type == typeof(int) => 3,
            _ when type == typeof(bool) => true,
            _ when type == typeof(KeyOrderMode) => KeyOrderMode.Strict,
            _ when type == typeof(double) => 0.5,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(1),
            _ => throw new InvalidOperationException($"{option.Name}: no sample value for {type.Name}; extend the test"),
        });
    }

    private static string Kebab(string pascal)
    {
        var text = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
