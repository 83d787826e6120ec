using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;
using Record = KafkaActors.InFlightRecord<Confluent.Kafka.Null, string, int, int>;

namespace KafkaActors.Tests.Streams;

/// <summary>
/// The stage's sender thread over a real producer on the embedded broker, in the mode where it sends natively and also serves
/// the producer's delivery reports: records and reports on one thread, a wake-up per batch of reports, librdkafka's full queue
/// waited out by serving reports, a replacement producer taken over and the old one disposed, and a stop after which it
/// serves no more.
/// </summary>
public sealed class RecordSenderTests : IDisposable
{
    private const string ClientThread = "kafka-actors-client";
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly string _topic = TestTopic.NewName("sender");
    private readonly ConcurrentQueue<Record> _failedToSend = new();

    public RecordSenderTests() => _kafka.CreateTopic(_topic);

    [Fact]
    public async Task Records_go_out_and_their_reports_come_back_on_its_thread_with_a_wake_up_per_batch_not_per_report()
    {
        const int records = 2_000;
        using var producer = ManuallyPolled();
        var reader = await SendAndStop(producer, records);
        Assert.Equal([ClientThread], reader.WokenOn.Keys);
        // One wake-up per report is what Add would make for a reader this eager; batches make a handful per Poll.
        Assert.True(reader.WakeUps < records / 4, $"{reader.WakeUps} wake-ups for {records} reports");
    }

    [Fact]
    public async Task A_full_librdkafka_queue_is_waited_out_by_serving_reports_since_nobody_else_polls()
    {
        // librdkafka frees a queue slot only once the message's report is served: a sender that slept on a full queue
        // instead of polling would never see room again.
        const int records = 500;
        using var producer = ManuallyPolled(("queue.buffering.max.messages", "10"));
        await SendAndStop(producer, records);
    }

    [Fact]
    public async Task A_replaced_producer_is_disposed_and_its_successor_used_and_polled()
    {
        var first = ManuallyPolled();
        using var second = ManuallyPolled();
        var reader = new EagerReader();
        var sender = PollingSender(first, reader);
        sender.Send(reader.NewRecord(_topic, 0));
        await Eventually.AssertAsync(() => Assert.Single(reader.Taken), Timeout);

        var secondNative = Native(second);
        sender.Replace(secondNative);
        sender.Send(reader.NewRecord(_topic, 1));

        await Eventually.AssertAsync(() => Assert.Equal(2, reader.Taken.Count), Timeout);
        await Eventually.AssertAsync(() => Assert.True(IsDisposed(first), "the replaced producer is not disposed"), Timeout);
        Assert.True(sender.Stop(StopWait));
        AssertDelivered(reader);
        Assert.Equal([ClientThread], reader.WokenOn.Keys);
        secondNative.Dispose();
    }

    [Fact]
    public void Stopped_it_serves_no_more_so_reports_wait_for_the_stage_to_serve_them()
    {
        using var producer = ManuallyPolled();
        var native = Native(producer);
        var reader = new EagerReader();
        var sender = new RecordSender<Null, string, int, int>(native, _failedToSend.Enqueue, reader.Reports.EndBatch);
        Assert.True(sender.Stop(StopWait));

        var late = reader.NewRecord(_topic, 0);
        Assert.True(native.TryProduce(late.Envelope.TopicPartition, late.Envelope.Message, late.Opaque));
        Assert.Equal(0, sender.ServeAfterStop(Timeout));

        Assert.Single(reader.Taken);
        Assert.True(late.WasDelivered, $"{late.Report.Error}");
        Assert.DoesNotContain(ClientThread, reader.WokenOn.Keys);
        native.Dispose();
    }

    [Fact]
    public async Task Between_a_Polls_reports_queued_records_go_out_and_one_refused_by_a_full_queue_goes_first_next_turn()
    {
        using var producer = ManuallyPolled(BetweenReports);
        var (reader, sender) = await HeldBetweenReports(producer);

        await Eventually.AssertAsync(() => Assert.Equal(FirstBatch + Behind, reader.Taken.Count), Timeout);
        Assert.True(sender.Stop(StopWait));
        Assert.Empty(_failedToSend);
        AssertDelivered(reader);
        Assert.True(sender.HandedBetweenReports > 0, "no record went out between reports");
        Assert.True(sender.HeldForRoom > 0, "no record was refused by the full queue between reports");
        // One partition: the held record went first, so offsets follow submission order with none lost or doubled.
        var bySubmission = reader.Taken.OrderBy(r => r.Element).ToList();
        Assert.Equal(Enumerable.Range(0, FirstBatch + Behind), bySubmission.Select(r => r.Element));
        Assert.Equal(bySubmission.Select(r => r.Report.Offset.Value).Order(), bySubmission.Select(r => r.Report.Offset.Value));
    }

    [Fact]
    public async Task Stopped_while_a_record_is_held_it_is_left_like_those_queued_behind_it_and_nothing_after_it_went_out()
    {
        using var producer = ManuallyPolled(BetweenReports);
        using var stopped = new ManualResetEventSlim();
        // The first batch's 512th report wakes the reader again: a step before it has held a record by then.
        var (reader, sender) = await HeldBetweenReports(producer, onWake: (n, sender) =>
        {
            if (n != 2) return;
            sender.Stop(TimeSpan.Zero); // from its own thread: stop without waiting for itself
            stopped.Set();
        });

        Assert.True(await Task.Run(() => stopped.Wait(Timeout)), "the second wake-up did not come");
        Assert.True(sender.Stop(StopWait));
        // What the stage does on stop: it serves the handed records' reports (the step, on this thread, hands nothing), and
        // takes what they queued.
        Assert.Equal(0, sender.ServeAfterStop(Timeout));
        reader.Reports.TakeAll(reader.Taken.Enqueue);
        Assert.Equal(1, sender.HeldForRoom);
        Assert.Empty(_failedToSend);
        AssertDelivered(reader);
        // Handed over: the first batch, then those handed between its reports up to the held one, and nothing after it.
        var handed = FirstBatch + (int)sender.HandedBetweenReports;
        Assert.Equal(Enumerable.Range(0, handed), reader.Taken.Select(r => r.Element).Order());
    }

    // librdkafka takes 700 records, and lingers long enough that the first 600 go in one produce request: one Poll serves
    // their 600 reports, so the step runs at the 128th.
    private static readonly (string, string)[] BetweenReports = [("queue.buffering.max.messages", "700"), ("linger.ms", "500")];
    private const int FirstBatch = 600;
    private const int Behind = 1_000;

    // The first batch handed over; its first report holds the client thread until 1,000 more are queued. The steps after the
    // 128th, 256th and 384th report then hand up to 768 of them into librdkafka's 700 places, of which the first batch holds
    // up to 600 (librdkafka frees a place as its report is served, or the batch's at once): one is refused and held.
    private async Task<(EagerReader, RecordSender<Null, string, int, int>)> HeldBetweenReports(IProducer<Null, string> producer,
        Action<int, RecordSender<Null, string, int, int>>? onWake = null)
    {
        // Connected and the partition's leader known first: a first record waiting for metadata can go in a request of its own.
        WarmUp(producer);
        var reader = new EagerReader();
        var sender = PollingSender(producer, reader);
        reader.Reports.StepBatchesWith(sender.HandBetweenReports);
        // Not disposed: the client thread may still be inside Wait when this returns.
        var firstReport = new ManualResetEventSlim();
        var goOn = new ManualResetEventSlim();
        reader.OnWake = n =>
        {
            if (n == 1)
            {
                firstReport.Set();
                goOn.Wait(Timeout);
            }
            onWake?.Invoke(n, sender);
        };
        for (var i = 0; i < FirstBatch; i++) sender.Send(reader.NewRecord(_topic, i));
        Assert.True(await Task.Run(() => firstReport.Wait(Timeout)), "no report came");
        for (var i = FirstBatch; i < FirstBatch + Behind; i++) sender.Send(reader.NewRecord(_topic, i));
        goOn.Set();
        return (reader, sender);
    }

    // Numbered records through a polling sender until every report is back, then a stop: each delivered once, none refused.
    private async Task<EagerReader> SendAndStop(IProducer<Null, string> producer, int records)
    {
        var reader = new EagerReader();
        var sender = PollingSender(producer, reader);
        for (var i = 0; i < records; i++) sender.Send(reader.NewRecord(_topic, i));

        await Eventually.AssertAsync(() => Assert.Equal(records, reader.Taken.Count), Timeout);
        Assert.True(sender.Stop(StopWait));
        Assert.Empty(_failedToSend);
        AssertDelivered(reader);
        Assert.Equal(Enumerable.Range(0, records), reader.Taken.Select(r => r.Element).Order());
        return reader;
    }

    private static void AssertDelivered(EagerReader reader) =>
        Assert.All(reader.Taken, record => Assert.True(record.WasDelivered, $"record {record.Element}: {record.Report.Error}"));

    private RecordSender<Null, string, int, int> PollingSender(IProducer<Null, string> producer, EagerReader reader) =>
        new(Native(producer), _failedToSend.Enqueue, reader.Reports.EndBatch);

    private static NativeProducer<Null, string> Native(IProducer<Null, string> producer) =>
        NativeProducer<Null, string>.For(producer, null, null, _ => { }) ?? throw new InvalidOperationException("no native producer");

    // One record through a native producer of its own, its report served here.
    private unsafe void WarmUp(IProducer<Null, string> producer)
    {
        using var native = Native(producer);
        var reader = new EagerReader();
        var record = reader.NewRecord(_topic, -1);
        Assert.True(native.TryProduce(record.Envelope.TopicPartition, record.Envelope.Message, record.Opaque));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (reader.Taken.IsEmpty && clock.Elapsed < Timeout) native.Serve(100, &Record.OnNativeReport);
        reader.Reports.EndBatch();
        Assert.True(record.WasDelivered, $"warm-up: {record.Report.Error}");
    }

    // Built as the stage builds its own: Confluent's delivery reports off, librdkafka's as events.
    private IProducer<Null, string> ManuallyPolled(params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = _kafka.BootstrapServers,
            ["linger.ms"] = "5",
        };
        foreach (var (key, value) in NativeProducer<Null, string>.Properties) properties[key] = value;
        foreach (var (key, value) in extra) properties[key] = value;
        return new ProducerBuilder<Null, string>(properties).Build();
    }

    private static bool IsDisposed(IProducer<Null, string> producer)
    {
        try
        {
            _ = producer.Name;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    public void Dispose() => _kafka.Dispose();

    // A reader that is always ready: it takes on every wake-up, so each wake-up asked for is one made.
    private sealed class EagerReader
    {
        private int _wakeUps;

        public EagerReader() => Reports = new HandOffQueue<Record>(() =>
        {
            OnWake?.Invoke(Interlocked.Increment(ref _wakeUps));
            WokenOn.AddOrUpdate(Thread.CurrentThread.Name ?? "(unnamed)", 1, (_, n) => n + 1);
            Reports!.TakeAll(Taken.Enqueue);
        });

        public HandOffQueue<Record> Reports { get; }
        public ConcurrentQueue<Record> Taken { get; } = new();
        public ConcurrentDictionary<string, int> WokenOn { get; } = new();
        public int WakeUps => Volatile.Read(ref _wakeUps);

        /// <summary>On the waking thread, before it takes: the wake-up's number, from 1.</summary>
        public Action<int>? OnWake { get; set; }

        public Record NewRecord(string topic, int number)
        {
            var record = new Record(Reports, native: true);
            record.Assign(number, new ProducerEnvelope<Null, string, int>(topic, new Message<Null, string> { Value = $"v{number}" }, number), attempt: 1);
            return record;
        }
    }
}
