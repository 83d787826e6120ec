using System.Reflection;
using Akka.Configuration;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Settings;

/// <summary>
/// Broken HOCON fails in <see cref="KafkaActorsConfig.ParseFile"/> naming file, line, column and key,
/// where Akka.NET's parser alone accepts it silently, misreads it or throws NullReferenceException.
/// </summary>
public sealed class HoconSyntaxTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("kafka-actors-hocon-");

    // hocon, line, column, key ("" before any key), a fragment of the message
    public static TheoryData<string, int, int, string, string> Broken => new()
    {
        { "kafka-actors {\n  retry { max-attempts = 3 }\n", 1, 14, "kafka-actors", "never closed" },
        { "kafka-actors.retry [\n", 1, 20, "kafka-actors.retry", "expected '=', ':' or '{'" },
        { "kafka-actors.retry = [\n", 1, 22, "kafka-actors.retry", "'[' opened at 1:22 is never closed" },
        { "this is garbage text !!!\n", 1, 22, "", "'!' is not allowed" },
        { "kafka-actors.dead-letter.topic = \"orders.DLT\n", 1, 34, "", "never closed" },
        { "a = \"\"\"never closed\n", 1, 5, "", "never closed" },
        { "kafka-actors { retry { min-backoff = 1s } }}}}\nkafka-actors.retry.max-attempts = 0\n", 1, 44, "", "'}' closes nothing" },
        { "{ a = 1 }\nkafka-actors.retry.max-attempts = 0\n", 2, 1, "", "after the '}' that closes the whole file" },
        { "kafka-actors.actor { close-timeout = 1s } intake-buffer-size = 5\n", 1, 43, "kafka-actors.actor", "a field ends at a newline" },
        { "kafka-actors.retry.max-attempts =\n", 1, 34, "kafka-actors.retry.max-attempts", "no value after '='" },
        { "kafka-actors.retry.max-attempts = }\n", 1, 35, "kafka-actors.retry.max-attempts", "no value after '='" },
        { "= 5\n", 1, 1, "", "expected a key, found '='" },
        { "a = 1,,b = 2\n", 1, 7, "", "',' with no field before it" },
        { "a = [1,,2]\n", 1, 8, "a", "expected an array element" },
        { "a = { b = 1 } text\n", 1, 15, "a", "cannot be joined" },
        { "x { y = 1 }\na = ${x} { z = 2 }\n", 2, 10, "a", "cannot be joined" },
        { "x { y = 1 }\nb = ${?x.y}\n", 2, 5, "b", "write ${x.y}" },
        { "a += [1]\n", 1, 3, "a", "'+=' is not supported" },
        { "a..b = 1\n", 1, 1, "", "empty part" },
        { "a = ${x\n", 1, 5, "", "${ is never closed" },
        { "a = b:c\n", 1, 6, "a", "a field ends at a newline" },
        { "include required(\"other.conf\")\n", 1, 9, "", "not supported" },
        { "kafka-actors {\n  include \"absent.conf\"\n}\n", 2, 3, "", "include \"absent.conf\": no such file" },
        { "a = ${no.such.path}\n", 1, 5, "", "Unresolved substitution: no.such.path" },
        { "a = 1\nb { c = 2 }, d = 3\n", 2, 12, "", "Akka.NET's HOCON parser: Unknown token" },
        { "a = 1\nb = \u0000\u0001\u0002\n", 2, 5, "", "U+0000 is not allowed" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_hocon_fails_naming_file_line_column_and_key(string hocon, int line, int column, string key, string problem)
    {
        var file = _dir.Write("broken.conf", hocon);

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseFile(file));

        Assert.Equal(new ConfigLocation(file, line, column), error.Location);
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{file}:{line}:{column}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_binary_file_is_named_as_not_being_text()
    {
        var file = _dir.Write("binary.conf", [0x61, 0x20, 0x3D, 0x20, 0x31, 0x0A, 0x62, 0x20, 0x3D, 0x20, 0xFF, 0xFE, 0x00, 0x89]);

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseFile(file));

        Assert.Equal(new ConfigLocation(file, 2, 5), error.Location);
        Assert.Contains("not UTF-8 text (byte 0xFF)", error.Message);
    }

    [Fact]
    public void An_include_resolves_next_to_the_including_file_and_its_own_errors_name_its_own_lines()
    {
        _dir.Write("retry.conf", "max-attempts = 3\nmax-backoff = 2s\n");
        var main = _dir.Write("main.conf", "kafka-actors.retry {\n  include \"retry.conf\"\n}\n");
        var broken = _dir.Write("broken-include.conf", "kafka-actors.retry {\n  include \"bad.conf\"\n}\n");
        var bad = _dir.Write("bad.conf", "# fine so far\nmin-backoff = [\n");

        var settings = RetrySettings.Create(KafkaActorsConfig.ParseFile(main).Section(RetrySettings.ConfigPath));
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseFile(broken));

        Assert.Equal((3, TimeSpan.FromSeconds(2)), (settings.MaxAttempts, settings.MaxBackoff));
        Assert.Equal(new ConfigLocation(bad, 2, 15), error.Location);
    }

    [Fact]
    public void A_file_that_includes_itself_fails_instead_of_recursing_forever()
    {
        var file = _dir.Write("loop.conf", "a = 1\ninclude \"loop.conf\"\n");

        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseFile(file));

        Assert.Contains("includes itself again", error.Message);
        Assert.Equal(2, error.Location?.Line);
    }

    [Fact]
    public void ParseString_checks_the_same_way_and_calls_its_source_string()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => KafkaActorsConfig.ParseString("a {\n b = 1\n"));

        Assert.Equal(new ConfigLocation("(string)", 1, 3), error.Location);
    }

    public static TheoryData<string> Valid => new()
    {
        "",
        "# only a comment",
        "{ a = 1 }",
        "a { b = 1 }\nc = [1, 2,\n 3,]\nd = \"\"\"multi\nline\"\"\"",
        "a.b.c = 1\na.\"b.c\" = 2\n\"x y\" = 3 // comment",
        "a = 64 MiB\nb = 1e+5\nc = /tmp/x\nd = 10%\ne = -1\nf = null\ng = 'x'",
        "x { y = 1 }\nc = ${x.y} ms\nd = [1] [2]\ne = { a = 1 } { b = 2 }",
        "a: [ {b: 1}, {c: [ [1], [2] ]} ]",
        "a = \"escaped \\\" quote and \\\\ backslash\"",
        "a\n{\n  b = 1\n}",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_hocon_passes_the_check_and_parses_as_akka_parses_it(string hocon)
    {
        var ours = KafkaActorsConfig.ParseString(hocon);
        var akka = ConfigurationFactory.ParseString(hocon);

        Assert.Equal(Render(akka.Root), Render(ours.Root));
    }

    // Akka's own ToString recurses forever on some substituted values.
    private static string Render(Akka.Configuration.Hocon.HoconValue value) =>
        value.IsObject() ? "{" + string.Join(",", value.GetObject().Items.Select(i => $"{i.Key}={Render(i.Value)}")) + "}"
        : value.IsArray() ? "[" + string.Join(",", value.GetArray().Select(Render)) + "]"
        : $"'{value.GetString()}'";

    [Fact]
    public void Every_reference_configuration_of_akka_and_ours_passes_the_syntax_check()
    {
        Assembly[] assemblies = [typeof(Akka.Actor.ActorSystem).Assembly, typeof(Akka.Streams.ActorMaterializer).Assembly, typeof(KafkaActorsConfig).Assembly];
        var checkedCount = 0;
        foreach (var assembly in assemblies)
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".conf", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            HoconSyntax.Check(reader.ReadToEnd(), name);
            checkedCount++;
        }
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "hocon"), "*.conf", SearchOption.AllDirectories))
        {
            HoconSyntax.Check(File.ReadAllText(file), file);
            checkedCount++;
        }

        Assert.True(checkedCount >= 7, $"only {checkedCount} configuration files found");
    }

    public void Dispose() => _dir.Dispose();
}
