namespace KafkaActors.API.Tests;

/// <summary>
/// A unified-style line diff (<c>-</c> removed, <c>+</c> added, <c>@@</c> hunks with context), so a changed
/// public surface reads in the test output the way it will read in review.
/// </summary>
public static class TextDiff
{
    /// <returns>An empty string when the texts have the same lines, else the hunks.</returns>
    public static string Unified(string expected, string actual, int context = 3)
    {
        var a = Lines(expected);
        var b = Lines(actual);
        var edits = Edits(a, b);
        if (edits.All(e => e.Op == ' ')) return "";

        var output = new List<string> { "--- approved", "+++ received" };
        var changed = edits.Select((e, i) => (e, i)).Where(x => x.e.Op != ' ').Select(x => x.i).ToList();
        var start = 0;
        while (start < changed.Count)
        {
            // A hunk runs while the next change is within two contexts of the previous one.
            var end = start;
            while (end + 1 < changed.Count && changed[end + 1] - changed[end] <= 2 * context) end++;
            var from = Math.Max(0, changed[start] - context);
            var to = Math.Min(edits.Count - 1, changed[end] + context);
            var hunk = edits.Skip(from).Take(to - from + 1).ToList();
            output.Add($"@@ -{hunk.First().A + 1},{hunk.Count(e => e.Op != '+')} +{hunk.First().B + 1},{hunk.Count(e => e.Op != '-')} @@");
            output.AddRange(hunk.Select(e => e.Op + (e.Op == '+' ? b[e.B] : a[e.A])));
            start = end + 1;
        }
        return string.Join("\n", output) + "\n";
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private readonly record struct Edit(char Op, int A, int B);

    // Longest common subsequence table; the surfaces are a few thousand lines, so O(n*m) is fine.
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) edits.Add(new Edit(' ', x++, y++));
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) edits.Add(new Edit('-', x++, y)); // removals first
            else edits.Add(new Edit('+', x, y++));
        }
        return edits;
    }
}
