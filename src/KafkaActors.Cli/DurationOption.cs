using System.CommandLine;
using System.Globalization;

namespace KafkaActors.Cli;

/// <summary>An option taking a positive duration: <c>5s</c>, <c>500ms</c>, or plain seconds (<c>2.5</c>).</summary>
internal static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue)
    {
        var option = new Option<TimeSpan>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "duration",
        };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (TryParse(text, out var value)) return value;
            result.AddError($"{name} takes a positive duration such as 5s or 500ms, not '{text}'; e.g. {name} {defaultValue.TotalSeconds:0}s");
            return defaultValue;
        };
        return option;
    }

    private static bool TryParse(string text, out TimeSpan value)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0) : (text, 1.0);
        var ok = double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount < 86_400;
        value = ok ? TimeSpan.FromSeconds(amount * unit) : TimeSpan.Zero;
        return ok;
    }
}
