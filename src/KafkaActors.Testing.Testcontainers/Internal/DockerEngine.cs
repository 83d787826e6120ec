using System.IO.Pipes;
using System.Net.Sockets;
using System.Text;

namespace KafkaActors.Testing.Testcontainers.Internal;

/// <summary>
/// Finds a Docker engine that answers <c>GET /_ping</c>, cheaply: a missing socket costs a stat, a dead
/// one a refused connect, and nothing waits longer than <see cref="Timeout"/> per endpoint.
/// The answer is computed once per process.
/// </summary>
internal static class DockerEngine
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly Lazy<DockerProbe> Probe = new(ProbeOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The first endpoint that answered, or null with what was tried.</summary>
    public static DockerProbe Find() => Probe.Value;

    internal sealed record DockerProbe(string? Endpoint, string Description)
    {
        public bool Answered => Endpoint is not null;
    }

    private static DockerProbe ProbeOnce()
    {
        var tried = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var failure = Ping(endpoint);
            if (failure is null) return new DockerProbe(endpoint, $"Docker engine answered at {endpoint}");
            tried.Add($"{endpoint} ({failure})");
        }
        return new DockerProbe(null, "no Docker engine answered: " + string.Join("; ", tried));
    }

    private static IEnumerable<string> Endpoints()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            yield return dockerHost.Trim();
            yield break; // an explicit DOCKER_HOST is the only engine the Docker CLI would use too
        }

        if (OperatingSystem.IsWindows())
        {
            yield return "npipe://./pipe/docker_engine";
            yield break;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var sockets = new[]
        {
            "/var/run/docker.sock",
            string.IsNullOrEmpty(runtimeDir) ? null : Path.Combine(runtimeDir, "docker.sock"), // rootless
            Path.Combine(home, ".docker", "run", "docker.sock"), // Docker Desktop
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
        };
        foreach (var socket in sockets.OfType<string>().Distinct())
            yield return "unix://" + socket;
    }

    /// <returns>null when the engine answered, else why not.</returns>
    private static string? Ping(string endpoint)
    {
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            return PingAsync(endpoint, cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {Timeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException or TimeoutException)
        {
            return e.Message;
        }
    }

    private static async Task<string?> PingAsync(string endpoint, CancellationToken ct)
    {
        var uri = new Uri(endpoint.Replace("npipe:////", "npipe://", StringComparison.Ordinal));
        await using var stream = await OpenAsync(uri, ct);
        if (stream is null) return "not found";

        var request = Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n");
        await stream.WriteAsync(request, ct);
        var buffer = new byte[256];
        var read = await stream.ReadAtLeastAsync(buffer, 12, throwOnEndOfStream: false, ct);
        var status = Encoding.ASCII.GetString(buffer, 0, read);
        return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status[8..].TrimStart().StartsWith("200", StringComparison.Ordinal)
            ? null
            : $"unexpected answer '{status.Split('\r')[0]}'";
    }

    private static async Task<Stream?> OpenAsync(Uri uri, CancellationToken ct)
    {
        switch (uri.Scheme)
        {
            case "unix":
                if (!File.Exists(uri.AbsolutePath)) return null;
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                return await ConnectAsync(unix, new UnixDomainSocketEndPoint(uri.AbsolutePath), ct);
            case "tcp":
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
                return await ConnectAsync(tcp, new System.Net.DnsEndPoint(uri.Host, uri.Port), ct);
            case "npipe":
                var pipe = new NamedPipeClientStream(uri.Host, uri.AbsolutePath.Split('/').Last(), PipeDirection.InOut, PipeOptions.Asynchronous);
                try
                {
                    await pipe.ConnectAsync(ct);
                    return pipe;
                }
                catch
                {
                    await pipe.DisposeAsync();
                    throw;
                }
            default:
                throw new IOException($"unsupported scheme '{uri.Scheme}'");
        }
    }

    private static async Task<Stream> ConnectAsync(Socket socket, System.Net.EndPoint endPoint, CancellationToken ct)
    {
        try
        {
            await socket.ConnectAsync(endPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
