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

    static MockClusterNative()
    {
        NativeLibrdkafka.UseFor(typeof(MockClusterNative).Assembly);
    }

    /// <summary>
    /// Loads librdkafka and checks it has the mock cluster API, so a missing library or an old build
    /// surfaces as one clear exception instead of a DllNotFound/EntryPointNotFound at some later call.
    /// </summary>
    public static void EnsureLoaded()
    {
        var handle = NativeLibrdkafka.Handle;
        if (handle == IntPtr.Zero)
            throw new EmbeddedKafkaException(
                "Could not load librdkafka. Tried: " + NativeLibrdkafka.Tried +
                ". Confluent.Kafka's librdkafka.redist package must be restored for this platform.");

        if (!NativeLibrary.TryGetExport(handle, "rd_kafka_mock_cluster_new", out _))
            throw new EmbeddedKafkaException(
                $"librdkafka was loaded ({NativeLibrdkafka.LoadedFrom}) but has no mock cluster API (rd_kafka_mock_cluster_new). " +
                "Tried: " + NativeLibrdkafka.Tried + ".");
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
