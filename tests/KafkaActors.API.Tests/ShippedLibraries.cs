using System.Reflection;
using System.Text.Json;

namespace KafkaActors.API.Tests;

/// <summary>
/// The shipped libraries are this project's project references, read from its deps.json, so approving
/// one more library is one ProjectReference line (plus its approved file).
/// </summary>
public static class ShippedLibraries
{
    private static readonly Assembly Self = typeof(ShippedLibraries).Assembly;

    public static string ApprovedDirectory =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ApprovedDirectory").Value!;

    public static IReadOnlyList<string> Names { get; } = Read();

    private static List<string> Read()
    {
        var depsFile = Path.ChangeExtension(Self.Location, ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        return deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "project")
            .Select(library => library.Name.Split('/')[0])
            .Where(name => name != Self.GetName().Name)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
