using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// Checks, before any input is read, that Kafka can be reached within the connect timeout and that the
/// topic exists. The bootstrap addresses are tried over TCP first, so a refused port, a name that does not
/// resolve and a host that does not answer each get their own message in milliseconds to seconds,
/// instead of one vague Kafka timeout.
/// </summary>
internal static class BrokerCheck
{
    private const string StartOne = "is the broker running? Start one with 'kafka-actors broker' or 'docker compose up -d'";

    public static async Task RunAsync(IReadOnlyDictionary<string, string> clientProperties, IReadOnlyList<BrokerAddress> addresses,
        string topic, TimeSpan timeout, CancellationToken ct)
    {
        var answers = await Task.WhenAll(addresses.Select(a => TryConnectAsync(a, timeout, ct)));
        if (answers.All(a => a is not null))
            throw new CliFailure($"cannot reach Kafka: {string.Join("; ", answers)}; {StartOne}", ExitCodes.BrokerUnavailable);
        TopicExists(clientProperties, string.Join(',', addresses), topic, timeout);
    }

    /// <summary>Null when a TCP connection could be opened; otherwise why not, in words.</summary>
    private static async Task<string?> TryConnectAsync(BrokerAddress address, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        IPAddress[] ips;
        try
        {
            ips = IPAddress.TryParse(address.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(address.Host, deadline.Token);
        }
        catch (SocketException e)
        {
            return $"the name '{address.Host}' does not resolve ({e.SocketErrorCode})";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"the name '{address.Host}' did not resolve within {Seconds(timeout)}";
        }
        if (ips.Length == 0) return $"the name '{address.Host}' resolves to no address";

        var refusals = new List<string>();
        foreach (var ip in ips)
        {
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(ip, address.Port), deadline.Token);
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                refusals.Add($"{ip}");
            }
            catch (SocketException e)
            {
                refusals.Add($"{ip} ({e.SocketErrorCode})");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return $"{address} did not answer within {Seconds(timeout)} (--connect-timeout)";
            }
        }
        return $"{address} refused the connection (nothing listens on port {address.Port} at {string.Join(", ", refusals)})";
    }

    private static void TopicExists(IReadOnlyDictionary<string, string> clientProperties, string servers, string topic, TimeSpan timeout)
    {
        var config = new AdminClientConfig(clientProperties.Where(p => IsAdminProperty(p.Key)).ToDictionary(p => p.Key, p => p.Value));
        // Asking about a topic must not create it: a typo should fail, not make a new topic.
        config.Set("allow.auto.create.topics", "false");
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        Metadata metadata;
        try
        {
            metadata = admin.GetMetadata(topic, timeout);
        }
        catch (KafkaException e)
        {
            throw new CliFailure($"{servers} accepts connections but gave no Kafka metadata within {Seconds(timeout)} ({e.Error.Reason}); " +
                                 "is it a Kafka broker, and are security.protocol and the credentials right?", ExitCodes.BrokerUnavailable);
        }
        var found = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart || found.Partitions.Count == 0)
            throw new CliFailure($"topic '{topic}' does not exist at {servers} and the broker did not create it; " +
                                 "create it first (e.g. 'topic <name> <partitions>' on the broker command's input)", ExitCodes.BrokerUnavailable);
        if (found.Error.IsError)
            throw new CliFailure($"topic '{topic}' cannot be used: {found.Error.Reason}", ExitCodes.BrokerUnavailable);
    }

    private static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0.###} s";

    // Producer-only properties make the admin client complain; connection and security ones apply to both.
    private static bool IsAdminProperty(string key) =>
        key is "bootstrap.servers" or "client.id" or "socket.timeout.ms" or "broker.address.family"
        || key.StartsWith("security.", StringComparison.Ordinal) || key.StartsWith("sasl.", StringComparison.Ordinal)
        || key.StartsWith("ssl.", StringComparison.Ordinal);
}
