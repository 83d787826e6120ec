using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>
/// The flexi flow and the context flow: one result per envelope of every kind, failures as elements, and a
/// consume-transform-produce loop that commits consumer offsets from the context flow without skipping a record.
/// </summary>
public class EnvelopeKindsFlowTests : ProducerFlowSpec
{
    public EnvelopeKindsFlowTests() : base(brokers: 3) { }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_kind_of_envelope_comes_out_once_with_its_context_and_a_failed_record_is_an_element(bool ordered)
    {
        Kafka.CreateTopic("kinds", partitions: 3, replicationFactor: 3);
        var envelopes = Enumerable.Range(0, 90).Select(id => Kind(id, "kinds", oversizePart: id == 31)).ToList();

        var results = await Source.From(envelopes)
            .Via(KafkaProducerFlow.Flexi<string, string, int>(Settings().WithOrdered(ordered)))
            .RunWith(Sink.Seq<IProducerResult<string, string, int>>(), Sys.Materializer());

        Assert.Equal(Enumerable.Range(0, 90), results.Select(r => r.Context).Order());
        if (ordered) Assert.Equal(Enumerable.Range(0, 90), results.Select(r => r.Context));
        foreach (var result in results)
        {
            Assert.Same(envelopes[result.Context], result.Envelope);
            switch (result)
            {
                case MultiDeliveryOutcome<string, string, int> multi when multi.Context == 31:
                    var failed = Assert.IsType<DeliveryOutcome<string, string, int>.Failed>(multi.Parts[0]);
                    Assert.Equal((ErrorCode.MsgSizeTooLarge, FailureKind.Permanent), (failed.Error.Code, failed.Error.Kind));
                    Assert.All(multi.Parts.Skip(1), p => Assert.IsType<DeliveryOutcome<string, string, int>.Delivered>(p));
                    break;
                case MultiDeliveryOutcome<string, string, int> multi:
                    Assert.True(multi.AllDelivered, multi.ToString());
                    Assert.All(multi.Parts.Select((p, i) => (p, i)), x => Assert.Same(multi.Envelope.Records[x.i], x.p.Envelope));
                    break;
                case PassedThrough<string, string, int>:
                    Assert.IsType<PassThroughEnvelope<string, string, int>>(result.Envelope);
                    break;
                default:
                    Assert.IsType<DeliveryOutcome<string, string, int>.Delivered>(result);
                    break;
            }
        }
        var records = envelopes.Sum(e => e is MultiEnvelope<string, string, int> m ? m.Records.Count : e is ProducerEnvelope<string, string, int> ? 1 : 0);
        Assert.Equal(records - 1, TestConsumer.ReadAll(Kafka.BootstrapServers, "kinds", records - 1, TimeSpan.FromSeconds(60)).Count);
    }

    [Fact]
    public async Task Consume_transform_produce_commits_every_input_offset_in_order_through_the_context_flow()
    {
        const int inputs = 120;
        Kafka.CreateTopic("cpc-in", partitions: 2);
        Kafka.CreateTopic("cpc-out", partitions: 3, replicationFactor: 3);
        await Source.From(Enumerable.Range(0, inputs).Select(i => ProducerEnvelope.Create("cpc-in", $"k{i % 5}", i.ToString(), i)))
            .Via(KafkaProducerFlow.Create<string, string, int>(Settings()))
            .RunWith(Sink.Ignore<DeliveryOutcome<string, string, int>>(), Sys.Materializer());
        var input = TestConsumer.ReadAll(Kafka.BootstrapServers, "cpc-in", inputs, TimeSpan.FromSeconds(30));
        // A slow broker and leader errors make completion order differ from submission order.
        Kafka.SetBrokerRtt(2, TimeSpan.FromMilliseconds(150));
        Kafka.PushProduceErrors(ErrorCode.NotLeaderForPartition, ErrorCode.NotLeaderForPartition);
        using var committer = Consumer("cpc-group");
        var committedInOrder = new List<TopicPartitionOffset>();

        var settings = Settings();
        #region readme-flow-with-context
        // Each consumed record becomes one envelope (one record, several, or none: a pass-through) with its offset beside it.
        await Source.From(input.Select(record => (Transform(record), record.TopicPartitionOffset)))
            .Via(KafkaProducerFlow.WithContext<string, string, TopicPartitionOffset>(settings).AsFlow())
            .RunWith(Sink.ForEach<(IProducerResult<string, string, NotUsed> Result, TopicPartitionOffset Offset)>(done =>
            {
                // Results leave in submission order: committing this offset never skips a record still in flight.
                Assert.True(done.Result is not DeliveryOutcome<string, string, NotUsed>.Failed, $"{done.Result}");
                committer.Commit([new TopicPartitionOffset(done.Offset.TopicPartition, done.Offset.Offset + 1)]);
                committedInOrder.Add(done.Offset);
            }), Sys.Materializer());
        #endregion

        Assert.Equal(input.Select(r => r.TopicPartitionOffset), committedInOrder);
        var ends = input.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1));
        Assert.Equal(ends.OrderBy(e => e.Partition.Value), committer.Committed(ends.Select(e => e.TopicPartition), TimeSpan.FromSeconds(10)).OrderBy(e => e.Partition.Value));
        var outputs = input.Sum(r => (int.Parse(r.Message.Value) % 3) switch { 0 => 1, 1 => 2, _ => 0 });
        var produced = TestConsumer.ReadAll(Kafka.BootstrapServers, "cpc-out", outputs, TimeSpan.FromSeconds(60));
        Assert.Equal(outputs, produced.Select(r => r.Message.Value).Distinct().Count());
    }

    // Every third input becomes one record, every third two records, the rest nothing (its offset still rides along).
    private static IProducerEnvelope<string, string, NotUsed> Transform(ConsumeResult<string, string> input)
    {
        var n = int.Parse(input.Message.Value);
        return (n % 3) switch
        {
            0 => ProducerEnvelope.Create("cpc-out", input.Message.Key, $"{n}.0", NotUsed.Instance),
            1 => ProducerEnvelope.Multi(NotUsed.Instance, ("cpc-out", input.Message.Key, $"{n}.0"), ("cpc-out", input.Message.Key, $"{n}.1")),
            _ => ProducerEnvelope.PassThrough<string, string, NotUsed>(NotUsed.Instance),
        };
    }

    private IConsumer<string, string> Consumer(string group) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = Kafka.BootstrapServers, GroupId = group, EnableAutoCommit = false })
            .SetLogHandler((_, _) => { }).Build();

    private static IProducerEnvelope<string, string, int> Kind(int id, string topic, bool oversizePart = false) => (id % 3) switch
    {
        0 => ProducerEnvelope.Create(topic, $"key-{id % 10}", $"value-{id}", id),
        1 => ProducerEnvelope.Multi(id, (topic, $"key-{id % 10}", oversizePart ? new string('x', 2_000_000) : $"value-{id}.0"),
            (topic, $"key-{(id + 1) % 10}", $"value-{id}.1")),
        _ => ProducerEnvelope.PassThrough<string, string, int>(id),
    };
}
