using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>
/// The stage's native way into a producer it built, over the pinned Confluent.Kafka and its librdkafka on the embedded broker:
/// it can be made (an upgrade that hides the native handle elsewhere fails here, not as a slower stage), what it sends reads
/// back as Confluent would have sent it (keys, null and empty values, headers, timestamps, partitions), a serializer's failure
/// and librdkafka's refusal are the record's, the producer's errors reach the error handler, and a wake ends a serve at once.
/// </summary>
public sealed class NativeProducerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly string _topic = TestTopic.NewName("native");
    private readonly ConcurrentQueue<Error> _errors = new();

    public NativeProducerTests() => _kafka.CreateTopic(_topic, partitions: 2);

    [Fact]
    public void This_Confluent_Kafka_exposes_what_the_native_producer_needs()
    {
        Assert.True(NativeProducer<string, byte[]>.Available, $"librdkafka loaded from {NativeLibrdkafka.LoadedFrom ?? "nowhere"}; Confluent.Kafka's Handle has no LibrdkafkaHandle");
        using var producer = Build<string, byte[]>();
        using var native = NativeProducer<string, byte[]>.For(producer, null, null, _errors.Enqueue);
        Assert.NotNull(native);
    }

    [Theory]
    [InlineData("sasl.mechanism", "OAUTHBEARER", false)]
    [InlineData("sasl.mechanisms", " oauthbearer ", false)]
    [InlineData("log.queue", "true", false)]
    [InlineData("sasl.mechanism", "PLAIN", true)]
    [InlineData("log.queue", "false", true)]
    [InlineData("linger.ms", "5", true)]
    public void Properties_that_bring_events_of_other_kinds_to_the_main_queue_keep_a_producer_on_Confluents_serving(string key, string value, bool suits) =>
        Assert.Equal(suits, NativeProducer<string, string>.Suits(new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void What_it_sends_reads_back_as_Confluent_would_have_sent_it()
    {
        using var producer = Build<string, byte[]>();
        using var native = Native(producer);
        var headers = new Headers { { "trace", Encoding.UTF8.GetBytes("abc") }, { "empty", [] }, { "none", null! } };
        var at = new Timestamp(new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc));
        var sent = new[]
        {
            (new TopicPartition(_topic, 1), new Message<string, byte[]> { Key = "k1", Value = [1, 2, 3], Headers = headers, Timestamp = at }),
            (new TopicPartition(_topic, 0), new Message<string, byte[]> { Key = "k2", Value = [] }),   // empty, not a tombstone
            (new TopicPartition(_topic, 0), new Message<string, byte[]> { Key = "k3", Value = null! }), // a tombstone
            (new TopicPartition(_topic, Partition.Any), new Message<string, byte[]> { Key = null!, Value = [9] }),
        };
        var reports = SendAll(native, sent);

        Assert.All(reports, r => Assert.Null(r.Error));
        Assert.Equal(1, reports[0].Partition.Value);
        // The report's timestamp and status as Confluent's handler has them for the same message (the embedded broker answers
        // with a log-append time of its own, so the report's is that one).
        var confluent = ConfluentReport(sent[0].Item2);
        Assert.Equal(confluent.Timestamp, reports[0].Timestamp);
        Assert.All(reports, r => Assert.Equal(confluent.Status, r.Status));
        Assert.Equal(PersistenceStatus.Persisted, confluent.Status);

        var read = TestConsumer.ReadAll<string, byte[]>(_kafka.BootstrapServers, _topic, sent.Length, Timeout).ToDictionary(r => r.Message.Key ?? "(null)");
        Assert.Equal([1, 2, 3], read["k1"].Message.Value);
        Assert.Equal(1, read["k1"].Partition.Value);
        Assert.Equal(at.UnixTimestampMs, read["k1"].Message.Timestamp.UnixTimestampMs);
        Assert.Equal(["trace", "empty", "none"], read["k1"].Message.Headers.Select(h => h.Key));
        Assert.Equal("abc", Encoding.UTF8.GetString(read["k1"].Message.Headers.GetLastBytes("trace")));
        Assert.Empty(read["k1"].Message.Headers.GetLastBytes("empty"));
        Assert.Null(read["k1"].Message.Headers.GetLastBytes("none"));
        Assert.NotNull(read["k2"].Message.Value);
        Assert.Empty(read["k2"].Message.Value);
        Assert.Null(read["k3"].Message.Value);
        Assert.Equal([9], read["(null)"].Message.Value);
        Assert.Equal(reports.Select(r => r.Offset.Value).Order(), reports.OrderBy(r => r.Offset.Value).Select(r => r.Offset.Value));
    }

    [Fact]
    public void A_serializer_that_throws_is_the_records_ProduceException_and_the_next_record_goes_out()
    {
        using var producer = Build<string, string>();
        using var native = NativeProducer<string, string>.For(producer, null, new RefusingSerializer(), _errors.Enqueue)!;

        var failure = Assert.Throws<ProduceException<string, string>>(() =>
            native.TryProduce(new TopicPartition(_topic, 0), new Message<string, string> { Key = "k", Value = "refused" }, IntPtr.Zero));
        Assert.Equal(ErrorCode.Local_ValueSerialization, failure.Error.Code);
        Assert.IsType<FormatException>(failure.InnerException);

        var reports = SendAll(native, [(new TopicPartition(_topic, 0), new Message<string, string> { Key = "k", Value = "fine" })]);
        Assert.Null(Assert.Single(reports).Error);
    }

    [Fact]
    public void A_header_a_serializer_adds_to_a_message_without_headers_goes_out_with_it_as_through_Confluents_Produce()
    {
        using var producer = Build<string, string>();
        using var native = NativeProducer<string, string>.For(producer, null, new SchemaIdSerializer(), _errors.Enqueue)!;

        var reports = SendAll(native, [(new TopicPartition(_topic, 0), new Message<string, string> { Key = "k", Value = "v" })]);

        Assert.Null(Assert.Single(reports).Error);
        var read = Assert.Single(TestConsumer.ReadAll<string, string>(_kafka.BootstrapServers, _topic, 1, Timeout));
        Assert.Equal("v", read.Message.Value);
        Assert.Equal("7", Encoding.UTF8.GetString(read.Message.Headers.GetLastBytes("schema-id")));
    }

    [Fact]
    public void A_record_librdkafka_refuses_throws_its_error()
    {
        using var producer = Build<string, byte[]>(("message.max.bytes", "2000"));
        using var native = Native(producer);

        var refused = Assert.Throws<ProduceException<string, byte[]>>(() =>
            native.TryProduce(new TopicPartition(_topic, 0), new Message<string, byte[]> { Key = "k", Value = new byte[10_000] }, IntPtr.Zero));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
    }

    [Fact]
    public unsafe void A_full_queue_is_false_not_an_exception_and_serving_makes_room()
    {
        using var producer = Build<string, byte[]>(("queue.buffering.max.messages", "5"), ("linger.ms", "50"));
        using var native = Native(producer);
        var reports = new Reports();
        var handle = GCHandle.Alloc(reports);
        try
        {
            var accepted = 0;
            var partition = new TopicPartition(_topic, 0);
            while (native.TryProduce(partition, new Message<string, byte[]> { Value = [1] }, GCHandle.ToIntPtr(handle))) accepted++;
            Assert.Equal(5, accepted);
            var clock = Stopwatch.StartNew();
            while (reports.Count < accepted && clock.Elapsed < Timeout) native.Serve(100, &Reports.Add);
            Assert.True(native.TryProduce(partition, new Message<string, byte[]> { Value = [2] }, GCHandle.ToIntPtr(handle)));
            while (reports.Count < accepted + 1 && clock.Elapsed < Timeout) native.Serve(100, &Reports.Add);
            Assert.Equal(accepted + 1, reports.Count);
        }
        finally
        {
            handle.Free();
        }
    }

    [Fact]
    public unsafe void The_producers_errors_reach_the_error_handler_from_its_events()
    {
        using var producer = Build<string, byte[]>();
        using var native = Native(producer);
        _kafka.SetBrokerDown(1);
        try
        {
            // Nothing can reach the broker: librdkafka says so through the error handler, which these events now carry.
            SendWithoutWaiting(native, new TopicPartition(_topic, 0));
            var clock = Stopwatch.StartNew();
            while (_errors.IsEmpty && clock.Elapsed < Timeout) native.Serve(100, &Reports.Add);
            Assert.NotEmpty(_errors);
            Assert.All(_errors, e => Assert.False(e.IsFatal));
        }
        finally
        {
            _kafka.SetBrokerUp(1);
        }
    }

    [Fact]
    public async Task Wake_ends_a_serve_that_would_wait_minutes()
    {
        using var producer = Build<string, byte[]>();
        using var native = Native(producer);
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = Task.Factory.StartNew(() =>
        {
            serving.SetResult();
            var clock = Stopwatch.StartNew();
            Serve(native, TimeSpan.FromMinutes(2));
            return clock.Elapsed;
        }, TaskCreationOptions.LongRunning);
        await serving.Task;

        // Whether the serve is already waiting or about to: a yield either ends the wait or the next one, at once.
        native.Wake();

        var waited = await serve.WaitAsync(Timeout);
        Assert.True(waited < Timeout, $"the serve returned after {waited}");
    }

    [Fact]
    public void One_disposed_leaves_its_producer_whole_for_another_and_a_wake_after_it_does_nothing()
    {
        using var producer = Build<string, byte[]>();
        var first = Native(producer);
        first.Dispose();
        first.Wake();
        first.Dispose();

        using var second = Native(producer);
        var reports = SendAll(second, [(new TopicPartition(_topic, 0), new Message<string, byte[]> { Value = [7] })]);
        Assert.Null(Assert.Single(reports).Error);
    }

    // To a topic of its own, so the one read back holds only what the native producer sent.
    private DeliveryReport<string, byte[]> ConfluentReport(Message<string, byte[]> message)
    {
        var partition = new TopicPartition(TestTopic.NewName("confluent"), 0);
        _kafka.CreateTopic(partition.Topic);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        DeliveryReport<string, byte[]>? report = null;
        producer.Produce(partition, message, r => report = r);
        Assert.Equal(0, producer.Flush(Timeout));
        return report ?? throw new InvalidOperationException("no report");
    }

    private static unsafe void Serve(NativeProducer<string, byte[]> native, TimeSpan wait) => native.Serve((int)wait.TotalMilliseconds, &Reports.Add);

    private void SendWithoutWaiting(NativeProducer<string, byte[]> native, TopicPartition partition) =>
        Assert.True(native.TryProduce(partition, new Message<string, byte[]> { Value = [1] }, IntPtr.Zero));

    // Each message in turn; then serves until every report is in. Reports in the order sent.
    private static unsafe List<ReportedDelivery> SendAll<TKey, TValue>(NativeProducer<TKey, TValue> native, (TopicPartition, Message<TKey, TValue>)[] messages)
    {
        var reports = new Reports();
        var handles = messages.Select(_ => GCHandle.Alloc(new Slot(reports))).ToList();
        try
        {
            for (var i = 0; i < messages.Length; i++)
                Assert.True(native.TryProduce(messages[i].Item1, messages[i].Item2, GCHandle.ToIntPtr(handles[i])));
            var clock = Stopwatch.StartNew();
            while (reports.Count < messages.Length && clock.Elapsed < Timeout) native.Serve(100, &Slot.Report);
            Assert.Equal(messages.Length, reports.Count);
            return handles.Select(h => ((Slot)h.Target!).Delivery!.Value).ToList();
        }
        finally
        {
            foreach (var handle in handles) handle.Free();
        }
    }

    private NativeProducer<TKey, TValue> Native<TKey, TValue>(IProducer<TKey, TValue> producer) =>
        NativeProducer<TKey, TValue>.For(producer, null, null, _errors.Enqueue) ?? throw new InvalidOperationException("no native producer");

    // Built as the stage builds its own.
    private IProducer<TKey, TValue> Build<TKey, TValue>(params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string> { ["bootstrap.servers"] = _kafka.BootstrapServers, ["linger.ms"] = "5" };
        foreach (var (key, value) in NativeProducer<TKey, TValue>.Properties) properties[key] = value;
        foreach (var (key, value) in extra) properties[key] = value;
        // An error handler, as the stage sets: it is what puts the producer's errors on its queue as events.
        return new ProducerBuilder<TKey, TValue>(properties).SetErrorHandler((_, _) => { }).SetLogHandler((_, _) => { }).Build();
    }

    public void Dispose() => _kafka.Dispose();

    // As a schema-registry serializer does: says in a header how the value was written.
    private sealed class SchemaIdSerializer : ISerializer<string>
    {
        public byte[] Serialize(string data, SerializationContext context)
        {
            context.Headers.Add("schema-id", Encoding.UTF8.GetBytes("7"));
            return Encoding.UTF8.GetBytes(data);
        }
    }

    private sealed class RefusingSerializer : ISerializer<string>
    {
        public byte[] Serialize(string data, SerializationContext context) =>
            data == "refused" ? throw new FormatException("not this one") : Encoding.UTF8.GetBytes(data);
    }

    // A report's landing place: each message's opaque is a handle to one.
    private sealed class Slot(Reports owner)
    {
        public ReportedDelivery? Delivery;

        public static void Report(IntPtr opaque, in ReportedDelivery report)
        {
            var slot = (Slot)GCHandle.FromIntPtr(opaque).Target!;
            slot.Delivery = report;
            slot.Owner.Count++;
        }

        private Reports Owner { get; } = owner;
    }

    private sealed class Reports
    {
        public int Count;

        // Opaque: a handle to the Reports itself, or none (IntPtr.Zero) for records whose reports are only counted elsewhere.
        public static void Add(IntPtr opaque, in ReportedDelivery report)
        {
            if (opaque != IntPtr.Zero) ((Reports)GCHandle.FromIntPtr(opaque).Target!).Count++;
        }
    }
}
