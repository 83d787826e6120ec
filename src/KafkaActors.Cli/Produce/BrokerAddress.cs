using System.Globalization;

namespace KafkaActors.Cli.Produce;

/// <summary>One entry of bootstrap.servers: host (a name, IPv4, or [IPv6]) and port, optionally behind a protocol prefix.</summary>
internal sealed record BrokerAddress(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Every address in a comma-separated list; a malformed one fails naming it (exit code: usage).</summary>
    public static IReadOnlyList<BrokerAddress> ParseList(string servers, string from)
    {
        var entries = servers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
            throw new CliFailure($"{from} is empty; say where Kafka is as host:port, e.g. localhost:9092", ExitCodes.Usage);
        return entries.Select(entry => Parse(entry, from)).ToList();
    }

    private static BrokerAddress Parse(string entry, string from)
    {
        var text = entry.Contains("://", StringComparison.Ordinal) ? entry[(entry.IndexOf("://", StringComparison.Ordinal) + 3)..] : entry;
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':') throw Malformed(entry, from, "an IPv6 address is written [address]:port");
            (host, port) = (text[1..close], text[(close + 2)..]);
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0) throw Malformed(entry, from, "it has no port");
            (host, port) = (text[..colon], text[(colon + 1)..]);
            if (host.Contains(':')) throw Malformed(entry, from, "an IPv6 address is written [address]:port");
        }
        if (host.Length == 0) throw Malformed(entry, from, "it has no host");
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            throw Malformed(entry, from, $"'{port}' is not a port (1-65535)");
        return new BrokerAddress(host, number);
    }

    private static CliFailure Malformed(string entry, string from, string why) =>
        new($"'{entry}' in {from} is not host:port ({why}); e.g. localhost:9092", ExitCodes.Usage);
}
