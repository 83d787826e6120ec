using System.Runtime.InteropServices;
using Confluent.Kafka;
using KafkaActors.Testing.Internal;
using static KafkaActors.Testing.Internal.MockClusterNative;

namespace KafkaActors.Testing;

/// <summary>
/// An in-process Kafka-protocol broker (librdkafka's mock cluster) listening on 127.0.0.1.
/// Any Kafka client can connect to <see cref="BootstrapServers"/>; faults can be injected per request.
/// </summary>
public sealed unsafe class EmbeddedKafka : IDisposable
{
    /// <summary>Kafka protocol API key of Produce requests.</summary>
    public const short ProduceApiKey = 0;

    private readonly object _gate = new();

    // Setting a broker down closes its listener and binds the same port again at once (librdkafka re-creates it so the
    // broker keeps its address), and aborts the whole process when that bind fails. A cluster started elsewhere in this
    // process in that instant asks the kernel for free ports too and can be handed that one: so no cluster starts while a
    // broker of any cluster goes down. (Seen once in CI, 2026-12-02: `rd_kafka_mock_broker_cmd: Assertion ... "Failed to
    // create mock broker listener"` took down the test host.) Other processes binding port 0 remain a (smaller) risk.
    private static readonly object PortGate = new();
    private IntPtr _owner;
    private IntPtr _cluster;

    private EmbeddedKafka(IntPtr owner, IntPtr cluster, int brokers, string bootstrapServers)
    {
        _owner = owner;
        _cluster = cluster;
        BrokerCount = brokers;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list of the brokers.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..BrokerCount.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers on ephemeral loopback ports.</summary>
    /// <exception cref="EmbeddedKafkaException">librdkafka or its mock cluster API could not be loaded or started.</exception>
    public static EmbeddedKafka Start(int brokers = 1)
    {
        if (brokers < 1) throw new ArgumentOutOfRangeException(nameof(brokers), brokers, "A cluster needs at least one broker.");
        EnsureLoaded();

        var owner = NewOwnerHandle();
        IntPtr cluster;
        lock (PortGate) cluster = rd_kafka_mock_cluster_new(owner, brokers);
        if (cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(owner);
            throw new EmbeddedKafkaException($"rd_kafka_mock_cluster_new failed for {brokers} broker(s).");
        }

        var bootstraps = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster));
        if (string.IsNullOrEmpty(bootstraps))
        {
            rd_kafka_mock_cluster_destroy(cluster);
            rd_kafka_destroy(owner);
            throw new EmbeddedKafkaException("The mock cluster reported no bootstrap servers.");
        }

        rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        rd_kafka_mock_start_request_tracking(cluster);
        return new EmbeddedKafka(owner, cluster, brokers, bootstraps);
    }

    /// <summary>Creates a topic. Create topics before clients look them up: a client that saw a topic missing keeps stale metadata.</summary>
    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (replicationFactor < 1 || replicationFactor > BrokerCount)
            throw new ArgumentOutOfRangeException(nameof(replicationFactor), replicationFactor, $"The replication factor must be 1..{BrokerCount}.");
        lock (_gate) Check(rd_kafka_mock_topic_create(Cluster, topic, partitions, replicationFactor), $"create topic '{topic}'");
    }

    /// <summary>Queues errors for the next Produce requests, cluster-wide, one error per request.</summary>
    public void PushProduceErrors(params ErrorCode[] errors) => PushRequestErrors(ProduceApiKey, errors);

    /// <summary>Queues errors for the next requests with the given Kafka API key, cluster-wide, one error per request.</summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = errors.Select(e => (int)e).ToArray();
        lock (_gate)
        {
            var cluster = Cluster;
            if (codes.Length == 0) return;
            fixed (int* p = codes)
                rd_kafka_mock_push_request_errors_array(cluster, apiKey, (UIntPtr)codes.Length, p);
        }
    }

    /// <summary>Removes queued Produce errors that were not consumed yet.</summary>
    public void ClearProduceErrors()
    {
        lock (_gate) rd_kafka_mock_clear_request_errors(Cluster, ProduceApiKey);
    }

    /// <summary>Closes the broker's listener and connections; clients see it as unreachable.</summary>
    public void SetBrokerDown(int brokerId)
    {
        lock (_gate)
            lock (PortGate)
                Check(rd_kafka_mock_broker_set_down(Cluster, CheckedId(brokerId)), $"set broker {brokerId} down");
    }

    /// <summary>Opens a broker set down before; clients reconnect on their own.</summary>
    public void SetBrokerUp(int brokerId)
    {
        lock (_gate) Check(rd_kafka_mock_broker_set_up(Cluster, CheckedId(brokerId)), $"set broker {brokerId} up");
    }

    /// <summary>Adds round-trip latency to every response of one broker.</summary>
    public void SetBrokerRtt(int brokerId, TimeSpan rtt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rtt, TimeSpan.Zero);
        var rttMs = checked((int)rtt.TotalMilliseconds);
        lock (_gate) Check(rd_kafka_mock_broker_set_rtt(Cluster, CheckedId(brokerId), rttMs), $"set broker {brokerId} rtt");
    }

    /// <summary>Produce requests the brokers received since start (includes the client's own retries).</summary>
    public int ProduceRequestCount
    {
        get
        {
            lock (_gate)
            {
                UIntPtr count;
                var requests = rd_kafka_mock_get_requests(Cluster, &count);
                if (requests == null) return 0;
                try
                {
                    var produce = 0;
                    for (var i = 0; i < (int)count; i++)
                        if (rd_kafka_mock_request_api_key(requests[i]) == ProduceApiKey) produce++;
                    return produce;
                }
                finally
                {
                    rd_kafka_mock_request_destroy_array(requests, count);
                }
            }
        }
    }

    /// <summary>Destroys the cluster and its owner handle. Safe to call more than once.</summary>
    public void Dispose()
    {
        // Under the gate, so no other member is halfway through a native call on a freed cluster.
        lock (_gate)
        {
            if (_cluster == IntPtr.Zero) return;
            rd_kafka_mock_cluster_destroy(_cluster); // before its owner: the cluster runs on the owner's handle
            rd_kafka_destroy(_owner);
            _cluster = IntPtr.Zero;
            _owner = IntPtr.Zero;
        }
    }

    public override string ToString() => $"EmbeddedKafka({BrokerCount} broker(s) at {BootstrapServers})";

    // Read under _gate only.
    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(EmbeddedKafka));

    private int CheckedId(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids are 1..{BrokerCount}.");
        return brokerId;
    }

    private static void Check(int code, string what)
    {
        if (code != 0)
            throw new EmbeddedKafkaException($"Could not {what}: {(ErrorCode)code} ({Marshal.PtrToStringUTF8(rd_kafka_err2str(code))}).", (ErrorCode)code);
    }

    // The mock cluster lives on a client handle of its own; rd_kafka_new takes over conf only on success.
    private static IntPtr NewOwnerHandle()
    {
        var conf = rd_kafka_conf_new();
        var err = stackalloc byte[512];
        // No bootstrap.servers on purpose: log_level 3 keeps the owner from warning about it.
        if (rd_kafka_conf_set(conf, "log_level", "3", err, 512) != ConfOk)
        {
            rd_kafka_conf_destroy(conf);
            throw new EmbeddedKafkaException("rd_kafka_conf_set log_level: " + Marshal.PtrToStringUTF8((IntPtr)err));
        }

        var owner = rd_kafka_new(ProducerType, conf, err, 512);
        if (owner == IntPtr.Zero)
        {
            rd_kafka_conf_destroy(conf);
            throw new EmbeddedKafkaException("rd_kafka_new failed: " + Marshal.PtrToStringUTF8((IntPtr)err));
        }
        return owner;
    }
}
