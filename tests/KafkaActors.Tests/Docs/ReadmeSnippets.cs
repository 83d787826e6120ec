using System.Text.RegularExpressions;
using KafkaActors.Tests.Support;

namespace KafkaActors.Tests.Docs;

/// <summary>
/// README code blocks are cut from compiled test code: a block preceded by
/// <c>&lt;!-- snippet: NAME --&gt;</c> must equal the lines between <c>#region NAME</c> and
/// <c>#endregion</c> in a test source file, so the documentation cannot drift from code that builds and runs.
/// </summary>
public static partial class ReadmeSnippets
{
    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"#region (?<name>[\w-]+)\s*\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex SourceRegion();

    /// <summary>Every snippet block in the README, by name.</summary>
    public static IReadOnlyDictionary<string, string> InReadme() =>
        ReadmeBlock().Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md")))
            .ToDictionary(m => m.Groups["name"].Value, m => Normalize(m.Groups["code"].Value));

    /// <summary>Every region in the C# sources under <paramref name="relativeDirectory"/>, by name.</summary>
    public static IReadOnlyDictionary<string, string> InSources(string relativeDirectory) =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, relativeDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => SourceRegion().Matches(File.ReadAllText(f)))
            .ToDictionary(m => m.Groups["name"].Value, m => Normalize(m.Groups["code"].Value));

    // Indentation is the code's, not the document's: compare with the common indent removed.
    private static string Normalize(string code)
    {
        var lines = code.Replace("\r", "").TrimEnd('\n').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }
}
