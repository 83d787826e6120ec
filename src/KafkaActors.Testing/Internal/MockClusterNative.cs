using System.Reflection;
using System.Runtime.InteropServices;

namespace KafkaActors.Testing.Internal;

/// <summary>
/// P/Invoke bindings to librdkafka's mock cluster (rdkafka_mock.h). librdkafka marks this API
/// experimental, so every native call the project makes lives in this one file.
/// </summary>
internal static unsafe class MockClusterNative
{
    private const string Lib = "librdkafka";

    public const int ProducerType = 0;
    public const int ConfOk = 0;

    private static readonly List<string> Tried = new();

    static MockClusterNative()
    {
        NativeLibrary.SetDllImportResolver(typeof(MockClusterNative).Assembly, Resolve);
    }

    /// <summary>Forces the resolver to run now so a missing library surfaces as one clear exception.</summary>
    public static void EnsureLoaded()
    {
        try
        {
            rd_kafka_conf_destroy(rd_kafka_conf_new());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new EmbeddedKafkaException(
                "Could not load librdkafka's mock cluster API. Tried: " +
                (Tried.Count == 0 ? "(nothing)" : string.Join(", ", Tried)) +
                ". Confluent.Kafka's librdkafka.redist package must be restored for this platform.", e);
        }
    }

    // Confluent.Kafka picks among several librdkafka builds at run time (on Debian 12 the default one
    // needs libsasl2.so.3 and it falls back to the centos8 build). Binding to the very library it
    // loaded keeps one copy of librdkafka in the process.
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib) return IntPtr.Zero;

        try
        {
            _ = Confluent.Kafka.Library.Version; // makes Confluent load its native library
        }
        catch (Exception e)
        {
            Tried.Add($"Confluent.Kafka.Library.Version ({e.GetType().Name}: {e.Message})");
        }

        foreach (var loaded in LoadedLibrdkafkaPaths())
        {
            Tried.Add(loaded);
            if (NativeLibrary.TryLoad(loaded, out var handle)) return handle;
        }

        foreach (var candidate in CandidateNames())
        {
            Tried.Add(candidate);
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle)) return handle;
        }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> LoadedLibrdkafkaPaths()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"))
        {
            return File.ReadLines("/proc/self/maps")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length >= 6 && p[^1].EndsWith("librdkafka.so", StringComparison.Ordinal))
                .Select(p => p[^1])
                .Distinct()
                .ToList();
        }
        return Array.Empty<string>();
    }

    private static IEnumerable<string> CandidateNames()
    {
        var runtimeDir = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location) ?? AppContext.BaseDirectory;
        var rid = RuntimeInformation.RuntimeIdentifier;
        var nativeDirs = new[]
        {
            Path.Combine(runtimeDir, "runtimes", rid, "native"),
            Path.Combine(runtimeDir, "runtimes", $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}", "native"),
            runtimeDir,
        };
        var fileNames = OperatingSystem.IsWindows()
            ? new[] { "librdkafka.dll" }
            : OperatingSystem.IsMacOS()
                ? new[] { "librdkafka.dylib" }
                : new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so", "centos7-librdkafka.so" };

        foreach (var dir in nativeDirs.Distinct())
        foreach (var file in fileNames)
            yield return Path.Combine(dir, file);
        yield return "librdkafka";
    }

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_conf_new();

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_conf_destroy(IntPtr conf);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_conf_set(IntPtr conf,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        byte* errstr, UIntPtr errstrSize);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, UIntPtr errstrSize);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_topic_create(IntPtr mcluster,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitionCount, int replicationFactor);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey,
        UIntPtr count, int* errors);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_clear_request_errors(IntPtr mcluster, short apiKey);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_rtt(IntPtr mcluster, int brokerId, int rttMs);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_start_request_tracking(IntPtr mcluster);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr* rd_kafka_mock_get_requests(IntPtr mcluster, UIntPtr* count);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern short rd_kafka_mock_request_api_key(IntPtr request);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_request_destroy_array(IntPtr* requests, UIntPtr count);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_clear_requests(IntPtr mcluster);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_err2str(int err);
}
