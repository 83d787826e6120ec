using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace KafkaActors;

/// <summary>
/// Strict HOCON loading for <see cref="KafkaActorsConfig.ParseFile"/> and <see cref="KafkaActorsConfig.ParseString"/>:
/// our syntax check first, then environment variables, then Akka.NET's parser with includes resolved
/// next to the including file. Every failure, Akka's included, is a <see cref="KafkaActorsConfigurationException"/>
/// with file and line when known; then unknown keys and a misspelt <c>kafka-actors</c> root are refused.
/// </summary>
internal sealed class HoconLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Func<string, string?> _environment;
    private readonly List<(string[] Under, HoconOutline Outline)> _outlines = new();
    private readonly Stack<string> _including = new();

    private HoconLoader(Func<string, string?> environment) => _environment = environment;

    public static Config ParseFile(string path, Func<string, string?> environment)
    {
        var full = Path.GetFullPath(path);
        var loader = new HoconLoader(environment);
        return loader.Checked(loader.Load(ReadText(full, path, null), path, Path.GetDirectoryName(full)!, []));
    }

    public static Config ParseString(string hocon, Func<string, string?> environment)
    {
        var loader = new HoconLoader(environment);
        return loader.Checked(loader.Load(hocon, "(string)", Environment.CurrentDirectory, []));
    }

    private Config Checked(HoconRoot root)
    {
        var config = new Config(root);
        KnownKeys.CheckRoots(config, Locate);
        KnownKeys.Check(config, Locate, clientProperties: true);
        return config;
    }

    private ConfigLocation? Locate(IReadOnlyList<string> path)
    {
        foreach (var (under, outline) in _outlines)
            if (path.Count > under.Length && path.Take(under.Length).SequenceEqual(under) && outline.Find(path.Skip(under.Length).ToList()) is { } at)
                return at;
        return null;
    }

    private HoconRoot Load(string text, string source, string directory, string[] under)
    {
        var outline = HoconSyntax.Check(text, source);
        _outlines.Add((under, outline));
        var resolved = EnvironmentSubstitution.Apply(text, outline, _environment);
        try
        {
            return Parser.Parse(resolved, name => Include(name, source, directory, under, outline));
        }
        catch (Exception e) when (Unwrap(e) is KafkaActorsConfigurationException ours)
        {
            throw ours;
        }
        catch (Exception e)
        {
            var message = OneLine(e.Message);
            var at = outline.Substitutions.FirstOrDefault(s => message.EndsWith(": " + s.Path, StringComparison.Ordinal))?.At;
            throw new KafkaActorsConfigurationException("", $"Akka.NET's HOCON parser: {message}", at ?? AkkaPosition(message, resolved, source), e);
        }
    }

    private HoconRoot Include(string name, string source, string directory, string[] under, HoconOutline outline)
    {
        var include = outline.Includes.FirstOrDefault(i => i.Name == name);
        var at = include.Name is null ? new ConfigLocation(source, 0, 0) : include.At;
        var path = Path.GetFullPath(Path.Combine(directory, name));
        if (!File.Exists(path)) throw new KafkaActorsConfigurationException("", $"include \"{name}\": no such file ({path})", at);
        if (_including.Contains(path)) throw new KafkaActorsConfigurationException("", $"include \"{name}\" includes itself again ({path})", at);
        _including.Push(path);
        try
        {
            return Load(ReadText(path, name, at), path, Path.GetDirectoryName(path)!, [.. under, .. include.Under ?? []]);
        }
        finally
        {
            _including.Pop();
        }
    }

    // Bytes that are not UTF-8 mean a binary or mis-encoded file: say where, rather than parse U+FFFD.
    private static string ReadText(string fullPath, string shown, ConfigLocation? includedAt)
    {
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"HOCON file not found: {shown}", fullPath);
        var bytes = File.ReadAllBytes(fullPath);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var before = Encoding.UTF8.GetString(bytes, 0, Math.Max(0, e.Index));
            var line = before.Count(c => c == '\n') + 1;
            var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
            var via = includedAt is { } i ? $" (included at {i})" : "";
            throw new KafkaActorsConfigurationException("", $"not UTF-8 text (byte 0x{bytes[Math.Max(0, e.Index)]:X2}): is this a HOCON file?{via}",
                new ConfigLocation(shown, line, column), e);
        }
    }

    // Akka names a character index ("at position 11"); substitution keeps lines, so the line is exact.
    private static ConfigLocation AkkaPosition(string message, string text, string source)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"at position (\d+)");
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var index) || index > text.Length) return new ConfigLocation(source, 0, 0);
        var line = text.AsSpan(0, index).Count('\n') + 1;
        return new ConfigLocation(source, line, index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1);
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is not KafkaActorsConfigurationException && e.InnerException is { } inner) e = inner;
        return e;
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
