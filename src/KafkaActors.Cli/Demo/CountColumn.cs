using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KafkaActors.Cli.Demo;

/// <summary>A progress column showing the task's value as a count of records, not a percentage.</summary>
internal sealed class CountColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Value.ToString("N0", CultureInfo.InvariantCulture));
}
