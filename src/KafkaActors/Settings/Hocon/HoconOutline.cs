namespace KafkaActors;

/// <summary>
/// What a syntax check learnt about one HOCON text: where each key, include and substitution stands,
/// so later errors (an unknown key, an unresolved substitution) can name the line.
/// </summary>
internal sealed class HoconOutline
{
    public List<(string[] Path, ConfigLocation At)> Keys { get; } = new();

    public List<(string Name, string[] Under, ConfigLocation At)> Includes { get; } = new();

    public List<(string Path, ConfigLocation At)> Substitutions { get; } = new();

    /// <summary>Where a key at <paramref name="path"/> (or the first key inside it) is set, if this text sets it.</summary>
    public ConfigLocation? Find(IReadOnlyList<string> path)
    {
        foreach (var (keyPath, at) in Keys)
            if (keyPath.Length >= path.Count && keyPath.Take(path.Count).SequenceEqual(path, StringComparer.Ordinal))
                return at;
        return null;
    }
}
