using System.CommandLine;
using System.Globalization;

namespace KafkaActors.Cli;

/// <summary>An option taking a whole number with a lower bound, rejecting anything else with an example.</summary>
internal static class CountOption
{
    public static Option<int> Create(string name, string description, int defaultValue, int minimum, params string[] aliases)
    {
        var option = new Option<int>(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= minimum)
                return value;
            result.AddError($"{name} takes a whole number of at least {minimum}, not '{text}'; e.g. {name} {defaultValue}");
            return defaultValue;
        };
        return option;
    }
}
