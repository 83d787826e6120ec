using System.Text.Json;
using Xunit;

namespace KafkaActors.Tests.Cli;

/// <summary>The JSON lines <c>kafka-actors produce --report</c> writes, one per input line.</summary>
internal static class ProduceReport
{
    public static List<JsonElement> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static string Status(this JsonElement line) => line.GetProperty("status").GetString()!;

    public static long Number(this JsonElement line) => line.GetProperty("line").GetInt64();

    /// <summary>One line per input line, numbered 1..n in order: nothing skipped, nothing twice.</summary>
    public static void AssertOneLineEachInOrder(IReadOnlyList<JsonElement> report, long lines)
    {
        Assert.Equal(lines, report.Count);
        Assert.Equal(Enumerable.Range(1, (int)lines).Select(n => (long)n), report.Select(Number));
    }

    /// <summary>Where a delivered line says its record is: (partition, offset).</summary>
    public static (int Partition, long Offset) Where(this JsonElement line) =>
        (line.GetProperty("partition").GetInt32(), line.GetProperty("offset").GetInt64());
}
