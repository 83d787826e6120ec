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

    // The runtime asks the resolver once per P/Invoke method, possibly from several threads: resolve once.
    private static readonly Lazy<Resolution> Library = new(ResolveOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    static MockClusterNative()
    {
        NativeLibrary.SetDllImportResolver(typeof(MockClusterNative).Assembly,
            (name, _, _) => name == Lib ? Library.Value.Handle : IntPtr.Zero);
    }

    /// <summary>
    /// Loads librdkafka and checks it has the mock cluster API, so a missing library or an old build
    /// surfaces as one clear exception instead of a DllNotFound/EntryPointNotFound at some later call.
    /// </summary>
    public static void EnsureLoaded()
    {
        var library = Library.Value;
        if (library.Handle == IntPtr.Zero)
            throw new EmbeddedKafkaException(
                "Could not load librdkafka. Tried: " + string.Join(", ", library.Tried) +
                ". Confluent.Kafka's librdkafka.redist package must be restored for this platform.");

        if (!NativeLibrary.TryGetExport(library.Handle, "rd_kafka_mock_cluster_new", out _))
            throw new EmbeddedKafkaException(
                $"librdkafka was loaded ({library.LoadedFrom}) but has no mock cluster API (rd_kafka_mock_cluster_new). " +
                "Tried: " + string.Join(", ", library.Tried) + ".");
    }

    private sealed record Resolution(IntPtr Handle, string? LoadedFrom, IReadOnlyList<string> Tried);

    // Confluent.Kafka picks among several librdkafka builds at run time (on Debian 12 the default one
    // needs libsasl2.so.3 and it falls back to the centos8 build). Binding to the very library it
    // loaded keeps one copy of librdkafka in the process.
    private static Resolution ResolveOnce()
    {
        var tried = new List<string>();
        try
        {
            _ = Confluent.Kafka.Library.Version; // makes Confluent load its native library
        }
        catch (Exception e)
        {
            tried.Add($"Confluent.Kafka.Library.Version ({e.GetType().Name}: {e.Message})");
        }

        foreach (var candidate in LoadedLibrdkafkaPaths().Concat(CandidatePaths()).Distinct())
        {
            tried.Add(candidate);
            if (NativeLibrary.TryLoad(candidate, out var handle)) return new Resolution(handle, candidate, tried);
        }
        return new Resolution(IntPtr.Zero, null, tried);
    }

    // /proc/self/maps lines are "address perms offset dev inode pathname"; the pathname may contain spaces.
    private static IEnumerable<string> LoadedLibrdkafkaPaths()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps")) return Array.Empty<string>();
        return File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : "")
            .Where(path => path.EndsWith("librdkafka.so", StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }

    private static IEnumerable<string> CandidatePaths()
    {
        var confluentDir = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location);
        var baseDirs = new[] { confluentDir, AppContext.BaseDirectory }
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d!)))
            .Distinct()
            .ToList();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var portableRid = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        var fileNames = OperatingSystem.IsWindows()
            ? new[] { "librdkafka.dll" }
            : OperatingSystem.IsMacOS()
                ? new[] { "librdkafka.dylib" }
                : new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so" };

        foreach (var dir in baseDirs)
        foreach (var rid in new[] { RuntimeInformation.RuntimeIdentifier, portableRid }.Distinct())
        foreach (var file in fileNames)
            yield return Path.Combine(dir, "runtimes", rid, "native", file);
        foreach (var dir in baseDirs)
        foreach (var file in fileNames)
            yield return Path.Combine(dir, file);
        foreach (var file in fileNames.Take(1)) yield return file; // wherever the OS loader finds it
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
