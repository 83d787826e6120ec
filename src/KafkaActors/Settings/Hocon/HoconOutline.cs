namespace KafkaActors;

/// <summary>
/// What a syntax check learnt about one HOCON text: where each key, include and substitution stands,
/// so later errors (an unknown key, an unresolved substitution) can name the line.
/// </summary>
internal sealed class HoconOutline
{
    public List<(string[] Path, ConfigLocation At)> Keys { get; } = new();

    public List<(string Name, string[] Under, ConfigLocation At)> Includes { get; } = new();

    public List<HoconReference> Substitutions { get; } = new();

    /// <summary>Where a key at <paramref name="path"/> (or the first key inside it) is set, if this text sets it.</summary>
    public ConfigLocation? Find(IReadOnlyList<string> path)
    {
        foreach (var (keyPath, at) in Keys)
            if (keyPath.Length >= path.Count && keyPath.Take(path.Count).SequenceEqual(path, StringComparer.Ordinal))
                return at;
        return null;
    }
}

/// <summary>
/// One <c>${path}</c> or <c>${?path}</c> in the text, by offset and length; <see cref="FieldStart"/> is
/// the offset of its field's key when it is the field's whole value (so an unset optional one can drop the field).
/// </summary>
internal sealed record HoconReference(string Path, bool Optional, ConfigLocation At, int Offset, int Length, int? FieldStart);
