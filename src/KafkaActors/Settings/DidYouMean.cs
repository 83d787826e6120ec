namespace KafkaActors;

/// <summary>Suggests the known name closest to a misspelt one (Levenshtein distance).</summary>
internal static class DidYouMean
{
    /// <summary>The closest candidate within a few edits (more for longer names), or null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, name.Length / 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>"; did you mean 'x'?" or "; known here: a, b, c" — the tail of an unknown-name message.</summary>
    public static string Hint(string name, IReadOnlyCollection<string> candidates, Func<string, string> render) =>
        Closest(name, candidates) is { } best
            ? $"; did you mean '{render(best)}'?"
            : candidates.Count is > 0 and <= 12 ? $"; known here: {string.Join(", ", candidates.Order(StringComparer.Ordinal))}" : "";

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
