using System.Diagnostics;
using System.Text;

namespace KafkaActors.Tests.Support;

/// <summary>Prints finished spans as the tree their parent ids make, with attributes and events: how a trace reads.</summary>
public static class SpanTree
{
    public static string Render(IReadOnlyCollection<Activity> spans)
    {
        var text = new StringBuilder();
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        foreach (var root in spans.Where(s => !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartTimeUtc)) Render(root, spans, "", "", text);
        return text.ToString();
    }

    private static void Render(Activity span, IReadOnlyCollection<Activity> spans, string lead, string indent, StringBuilder text)
    {
        text.Append(lead).Append(span.DisplayName).Append(" [").Append(span.Kind).Append("] ")
            .Append(span.Duration.TotalMilliseconds.ToString("F0")).Append(" ms");
        if (span.Status != ActivityStatusCode.Unset) text.Append(' ').Append(span.Status).Append(span.StatusDescription is { } d ? $": {d}" : "");
        text.AppendLine();
        foreach (var (key, value) in span.TagObjects) text.Append(indent).Append("    ").Append(key).Append(" = ").Append(value).AppendLine();
        foreach (var e in span.Events)
            text.Append(indent).Append("    @+").Append((e.Timestamp - span.StartTimeUtc).TotalMilliseconds.ToString("F0")).Append(" ms ").Append(e.Name)
                .Append(' ').AppendJoin(", ", e.Tags.Select(t => $"{t.Key}={t.Value}")).AppendLine();
        var children = spans.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            Render(children[i], spans, indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), text);
        }
    }
}
