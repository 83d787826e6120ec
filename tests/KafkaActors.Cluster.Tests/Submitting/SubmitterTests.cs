using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Confluent.Kafka;
using KafkaActors.Cluster.Protocol;
using KafkaActors.Cluster.Routing;
using KafkaActors.Cluster.Tests.Support;
using Xunit;

namespace KafkaActors.Cluster.Tests.Submitting;

/// <summary>
/// The front door alone, with a probe standing in for the bucket region: what it sends, what it keeps,
/// when it sends again and what the caller gets. No broker and no second node needed.
/// </summary>
public class SubmitterTests : FrontDoorSpec
{
    private static readonly Address NodeB = new("akka.tcp", "cluster", "127.0.0.1", 2552);
    private readonly TestProbe _buckets;
    private readonly FrameProbe _frames;

    public SubmitterTests()
    {
        _buckets = CreateTestProbe();
        _frames = new FrameProbe(_buckets);
    }

    private static readonly ClusterProducingSettings Fast = ClusterProducingSettings.Create(ConfigurationFactory.Empty)
        .WithBuckets(16)
        .WithAcceptTimeout(TimeSpan.FromMilliseconds(300))
        .WithOutcomeTimeout(TimeSpan.FromMilliseconds(600))
        .WithRejectedBackoff(TimeSpan.FromMilliseconds(100))
        .WithCheckInterval(TimeSpan.FromMilliseconds(50))
        .WithMaxSubmissions(3);

    private IActorRef Submitter<TContext>(ClusterProducingSettings? settings = null, ISerializer<string>? valueSerializer = null) =>
        Sys.ActorOf(ClusterProducerFrontDoor.Props<string, string, TContext>(settings ?? Fast, _buckets, null, valueSerializer, _ => _buckets));

    private static Produce<string, string, TContext> Produce<TContext>(string key, TContext context, string value = "v") =>
        new(ProducerEnvelope.Create("orders", key, value, context));

    private ProduceRequest ExpectRequest(int submission = 1)
    {
        var request = _frames.ExpectRequest();
        Assert.Equal(submission, request.Submission);
        return request;
    }

    [Fact]
    public void A_record_goes_to_its_key_bucket_as_bytes_and_its_outcome_comes_back_with_the_very_envelope_and_context()
    {
        var submitter = Submitter<Func<int>>();
        Func<int> notSerializable = () => 42;
        var produce = Produce("customer-7", notSerializable, "hello");

        submitter.Tell(produce);
        var request = ExpectRequest();
        submitter.Tell(new RecordAccepted(request.RecordId, 1, NodeB));
        submitter.Tell(new RecordDelivered(request.RecordId, 1, new Partition(2), new Offset(9), new Timestamp(5, TimestampType.CreateTime), PersistenceStatus.Persisted, 1));

        var delivered = ExpectMsg<Produced<string, string, Func<int>>>();
        Assert.Same(produce.Envelope, delivered.Envelope);
        Assert.Same(notSerializable, delivered.Envelope.Context);
        Assert.Equal(new TopicPartitionOffset("orders", new Partition(2), new Offset(9)), delivered.TopicPartitionOffset);
        Assert.Equal(KeyBuckets.BucketOf("customer-7"u8, 16), request.Bucket);
        Assert.Equal("customer-7"u8.ToArray(), request.Key);
        Assert.Equal("hello"u8.ToArray(), request.Value);
        Assert.True(RecordIdHeader.TryGet(produce.Envelope.AsSingle().Message.Headers, out var id));
        Assert.Equal(request.RecordId, id);
        Assert.Contains(request.Headers, h => h.Key == RecordIdHeader.Name && Encoding.UTF8.GetString(h.Value!) == id.ToString());
    }

    [Fact]
    public void A_record_that_carries_a_record_id_keeps_it()
    {
        var submitter = Submitter<int>();
        var id = Guid.NewGuid();
        var produce = Produce("k", 1);
        produce.Envelope.AsSingle().Message.Headers.Add(RecordIdHeader.Name, Encoding.UTF8.GetBytes(id.ToString()));

        submitter.Tell(produce);

        Assert.Equal(id, ExpectRequest().RecordId);
        Assert.Single(produce.Envelope.AsSingle().Message.Headers, h => h.Key == RecordIdHeader.Name);
    }

    [Fact]
    public void Records_without_a_key_go_round_the_buckets_a_frame_at_a_time()
    {
        var submitter = Submitter<int>();

        // One at a time: each goes in a frame of its own, and each frame to the next bucket.
        var buckets = Enumerable.Range(0, 32).Select(i =>
        {
            submitter.Tell(new Produce<string, string, int>(ProducerEnvelope.Create<string, string, int>("t", null!, "v", i)));
            return Assert.Single(_buckets.ExpectMsg<ProduceFrame>().Requests).Bucket;
        }).ToList();
        Assert.Equal(Enumerable.Range(0, 32).Select(i => i % 16), buckets);

        // Many at once: however the mailbox batches them, a frame holds one bucket's records and the frames go round.
        for (var i = 0; i < 100; i++) submitter.Tell(new Produce<string, string, int>(ProducerEnvelope.Create<string, string, int>("t", null!, "v", i)));
        var frames = new List<ProduceFrame>();
        while (frames.Sum(f => f.Requests.Count) < 100) frames.Add(_buckets.ExpectMsg<ProduceFrame>());
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => i % 16), frames.Select(f => f.Bucket));
        Assert.All(frames, f => Assert.All(f.Requests, r => Assert.Equal(f.Bucket, r.Bucket)));
    }

    [Fact]
    public void Once_a_node_accepted_a_bucket_its_records_go_straight_to_that_node_in_one_frame_for_all_its_buckets()
    {
        var inbox = CreateTestProbe();
        var submitter = Sys.ActorOf(ClusterProducerFrontDoor.Props<string, string, int>(Fast, _buckets, null, null,
            node => node.Equals(NodeB) ? inbox : throw new InvalidOperationException($"no inbox for {node}")));
        var keys = Enumerable.Range(0, 100).Select(i => $"k{i}").DistinctBy(Bucket).Take(3).ToList();

        // Owners unknown: through the shard region.
        submitter.Tell(Produce(keys[0], 1));
        submitter.Tell(Produce(keys[1], 2));
        var first = new[] { ExpectRequest(), ExpectRequest() };
        foreach (var request in first) submitter.Tell(new RecordAccepted(request.RecordId, 1, NodeB));

        // Both buckets are NodeB's now: straight to its inbox, in node frames of whole bucket frames.
        submitter.Tell(Produce(keys[0], 3));
        submitter.Tell(Produce(keys[1], 4));
        var direct = new List<ProduceFrame>();
        while (direct.Sum(f => f.Requests.Count) < 2)
        {
            var frame = inbox.ExpectMsg<NodeFrame>();
            Assert.Equal(submitter, frame.ReplyTo);
            direct.AddRange(frame.Frames);
        }
        Assert.Equal(first.Select(r => r.Bucket).Order(), direct.Select(f => f.Bucket).Order());

        // A bucket nobody accepted yet still goes through the region, and is the first thing the region sees since.
        submitter.Tell(Produce(keys[2], 5));
        Assert.Equal(Bucket(keys[2]), ExpectRequest().Bucket);
    }

    private static int Bucket(string key) => KeyBuckets.BucketOf(Encoding.UTF8.GetBytes(key), Fast.Buckets);

    [Fact]
    public void When_the_pending_set_is_full_the_caller_is_rejected_at_once()
    {
        var submitter = Submitter<int>(Fast.WithMaxPending(2).WithAcceptTimeout(TimeSpan.FromMinutes(1)));

        submitter.Tell(Produce("a", 1));
        submitter.Tell(Produce("b", 2));
        submitter.Tell(Produce("c", 3));

        var rejected = ExpectMsg<ProduceRejected<string, string, int>>();
        Assert.Equal(3, rejected.Envelope.Context);
        Assert.Contains("max-pending", rejected.Reason);
    }

    [Fact]
    public void An_unacknowledged_submission_is_sent_again_with_the_same_id_and_bytes()
    {
        var submitter = Submitter<int>();

        submitter.Tell(Produce("k", 1));
        var first = ExpectRequest();
        var second = ExpectRequest(submission: 2);

        Assert.Equal(first.RecordId, second.RecordId);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Bucket, second.Bucket);
    }

    [Fact]
    public void An_acknowledged_record_waits_for_the_outcome_timeout_before_it_is_sent_again()
    {
        var submitter = Submitter<int>(Fast.WithOutcomeTimeout(TimeSpan.FromSeconds(1.5)));

        submitter.Tell(Produce("k", 1));
        var first = ExpectRequest();
        submitter.Tell(new RecordAccepted(first.RecordId, 1, NodeB));

        _frames.ExpectNoRequest(TimeSpan.FromMilliseconds(700)); // beyond the accept timeout: the ack counts
        Assert.Equal(first.RecordId, ExpectRequest(submission: 2).RecordId);
    }

    [Fact]
    public async Task The_first_terminal_result_wins_and_later_ones_are_dropped_and_counted()
    {
        var submitter = Submitter<int>();
        submitter.Tell(Produce("k", 1));
        var request = ExpectRequest();
        ExpectRequest(submission: 2); // nobody acknowledged the first: there are two submissions now

        submitter.Tell(new RecordDelivered(request.RecordId, 2, new Partition(0), new Offset(1), Timestamp.Default, PersistenceStatus.Persisted, 1));
        submitter.Tell(new RecordDelivered(request.RecordId, 1, new Partition(0), new Offset(2), Timestamp.Default, PersistenceStatus.Persisted, 1));

        Assert.Equal(new Offset(1), ExpectMsg<Produced<string, string, int>>().TopicPartitionOffset.Offset);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var stats = await submitter.Ask<SubmitterStats>(GetSubmitterStats.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal((0, 1L, 1L), (stats.Pending, stats.DuplicateResults, stats.Delivered));
    }

    [Fact]
    public void A_dead_letter_from_a_node_that_was_shutting_down_is_no_verdict_the_record_is_sent_again()
    {
        var submitter = Submitter<int>(Fast.WithAcceptTimeout(TimeSpan.FromMinutes(1)));
        submitter.Tell(Produce("k", 1));
        var request = ExpectRequest();

        submitter.Tell(DeadLettered(request, DeadLetterCause.Shutdown));

        ExpectRequest(submission: 2);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_permanent_dead_letter_is_the_answer_with_the_remote_error()
    {
        var submitter = Submitter<int>();
        submitter.Tell(Produce("k", 5));
        var request = ExpectRequest();

        submitter.Tell(DeadLettered(request, DeadLetterCause.Permanent));

        var deadLettered = ExpectMsg<DeadLettered<string, string, int>>();
        Assert.Equal((DeadLetterCause.Permanent, ErrorCode.MsgSizeTooLarge, 5), (deadLettered.Cause, deadLettered.LastError!.Code, deadLettered.Envelope.Context));
    }

    [Fact]
    public void A_record_a_producer_node_turned_away_is_sent_again_after_the_backoff()
    {
        var submitter = Submitter<int>(Fast.WithAcceptTimeout(TimeSpan.FromMinutes(1)));
        submitter.Tell(Produce("k", 1));
        var request = ExpectRequest();

        submitter.Tell(new RecordRejected(request.RecordId, 1, "intake full"));

        ExpectRequest(submission: 2);
    }

    [Fact]
    public void After_the_last_submission_goes_unanswered_the_caller_gets_a_dead_letter_that_says_possibly_persisted()
    {
        var submitter = Submitter<int>();
        submitter.Tell(Produce("k", 3));

        for (var s = 1; s <= Fast.MaxSubmissions; s++) ExpectRequest(submission: s);

        var deadLettered = ExpectMsg<DeadLettered<string, string, int>>();
        Assert.Equal(DeadLetterCause.AttemptsExhausted, deadLettered.Cause);
        Assert.Equal(PersistenceStatus.PossiblyPersisted, deadLettered.LastError!.Status);
        Assert.Equal(Fast.MaxSubmissions, deadLettered.Attempts);
    }

    [Fact]
    public void A_value_that_cannot_be_serialized_is_dead_lettered_at_once_as_permanent()
    {
        var submitter = Submitter<int>(valueSerializer: new Failing());

        submitter.Tell(Produce("k", 1));

        var deadLettered = ExpectMsg<DeadLettered<string, string, int>>();
        Assert.Equal((DeadLetterCause.Permanent, ErrorCode.Local_ValueSerialization), (deadLettered.Cause, deadLettered.LastError!.Code));
        _frames.ExpectNoRequest(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_key_type_without_a_default_serializer_fails_where_the_front_door_is_made() =>
        Assert.Throws<ArgumentException>(() => ClusterProducerFrontDoor.Props<Guid, string, int>(Fast, _buckets, null, null));

    private static RecordDeadLettered DeadLettered(ProduceRequest request, DeadLetterCause reason) =>
        new(request.RecordId, request.Submission, 1,
            new Protocol.WireError(ErrorCode.MsgSizeTooLarge, "too large", FailureKind.Permanent, false, PersistenceStatus.NotPersisted, null, null),
            reason, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null);

    private sealed class Failing : ISerializer<string>
    {
        public byte[] Serialize(string data, SerializationContext context) => throw new FormatException("cannot");
    }
}
