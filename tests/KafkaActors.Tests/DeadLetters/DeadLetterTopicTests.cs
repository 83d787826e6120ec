using System.Globalization;
using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using DeadLetteredRecord = KafkaActors.DeadLettered<string, string, int>;

namespace KafkaActors.Tests.DeadLetters;

/// <summary>Records that cannot be delivered end on the dead-letter topic and at the dead-letter actor, with why.</summary>
public class DeadLetterTopicTests : ProducerActorSpec
{
    [FaultInjectionTheory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    public async Task A_permanent_error_dead_letters_at_once_and_the_topic_holds_the_bytes_and_headers(ErrorCode permanent)
    {
        CreateTopics();
        var deadLetters = CreateTestProbe();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]), deadLetters: deadLetters);
        var timestamp = new Timestamp(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var envelope = new ProducerEnvelope<string, string, int>(Topic, new Partition(0), new Message<string, string>
        {
            Key = "the-key", Value = "the-value", Timestamp = timestamp, Headers = new Headers { { "trace", "t-1"u8.ToArray() } },
        }, 5);
        Kafka.PushProduceErrors(permanent);

        var reply = await producer.Ask<IProduceReply<string, string, int>>(Produce(envelope), TimeSpan.FromSeconds(30));

        var deadLettered = Assert.IsType<DeadLetteredRecord>(reply);
        Assert.Same(deadLettered, deadLetters.ExpectMsg<DeadLetteredRecord>());
        Assert.Same(envelope, deadLettered.Envelope);
        Assert.Equal(DeadLetterCause.Permanent, deadLettered.Cause);
        Assert.Equal(1, deadLettered.Attempts);
        Assert.Equal(permanent, deadLettered.LastError!.Code);
        Assert.Equal(new TopicPartition(DeadLetterTopic, 0), deadLettered.DeadLetterTopicPartitionOffset?.TopicPartition);

        var copy = Assert.Single(TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, DeadLetterTopic, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("the-key"u8.ToArray(), copy.Message.Key);
        Assert.Equal("the-value"u8.ToArray(), copy.Message.Value);
        Assert.Equal(timestamp.UnixTimestampMs, copy.Message.Timestamp.UnixTimestampMs);
        Assert.Equal("t-1", copy.Header("trace"));
        Assert.Equal(Topic, copy.Header(DeadLetterHeaders.OriginalTopic));
        Assert.Equal("0", copy.Header(DeadLetterHeaders.OriginalPartition));
        Assert.Equal(((int)permanent).ToString(CultureInfo.InvariantCulture), copy.Header(DeadLetterHeaders.ErrorCode));
        Assert.Equal(deadLettered.LastError!.Reason, copy.Header(DeadLetterHeaders.ErrorReason));
        Assert.Equal("Confluent.Kafka.ProduceException`2", copy.Header(DeadLetterHeaders.ExceptionType));
        Assert.Equal("1", copy.Header(DeadLetterHeaders.Attempts));
        Assert.Equal(deadLettered.FirstFailureAt, DateTimeOffset.Parse(copy.Header(DeadLetterHeaders.FirstFailureAt), CultureInfo.InvariantCulture));
        Assert.Equal(deadLettered.LastFailureAt, DateTimeOffset.Parse(copy.Header(DeadLetterHeaders.LastFailureAt), CultureInfo.InvariantCulture));
    }

    [FaultInjectionFact]
    public async Task A_dead_letter_copy_that_fails_transiently_is_published_again_until_it_lands()
    {
        CreateTopics();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]));
        // In order: the record itself (permanent), then its dead-letter copy twice (transient), then the copy lands.
        Kafka.PushProduceErrors(ErrorCode.TopicAuthorizationFailed, ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut);

        var deadLettered = await producer.Ask<DeadLetteredRecord>(Produce(Envelope(7)), TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, deadLettered.LastError!.Code);
        Assert.True(deadLettered.Published, $"copy not published: {deadLettered.PublishError}");
        Assert.Null(deadLettered.PublishError);
        var copy = Assert.Single(TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, DeadLetterTopic, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(Topic, copy.Header(DeadLetterHeaders.OriginalTopic));
    }

    [Fact]
    public async Task A_record_too_large_for_the_dead_letter_topic_too_lands_there_as_a_headers_only_copy_saying_why()
    {
        CreateTopics();
        var producer = StartProducer(Settings());
        var oversize = Envelope(1, value: new string('x', 2_000_000)); // above message.max.bytes: refused before sending

        var deadLettered = await producer.Ask<DeadLetteredRecord>(Produce(oversize), TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorCode.MsgSizeTooLarge, deadLettered.LastError!.Code);
        Assert.True(deadLettered.Published, $"no copy on the dead-letter topic: {deadLettered.PublishError}");
        Assert.Null(deadLettered.PublishError);
        var copy = Assert.Single(TestConsumer.ReadAll<byte[], byte[]>(Kafka.BootstrapServers, DeadLetterTopic, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(deadLettered.DeadLetterTopicPartitionOffset!.Offset, copy.Offset);
        Assert.Null(copy.Message.Value);
        Assert.Equal("key-1"u8.ToArray(), copy.Message.Key);
        Assert.Equal(Topic, copy.Header(DeadLetterHeaders.OriginalTopic));
        Assert.StartsWith("MsgSizeTooLarge: ", copy.Header(DeadLetterHeaders.ValueOmitted));
        Assert.EndsWith("; 2000000 bytes", copy.Header(DeadLetterHeaders.ValueOmitted));
    }

    [FaultInjectionFact]
    public async Task A_record_whose_every_dead_letter_copy_is_refused_still_reaches_the_dead_letter_actor_logged_and_counted()
    {
        CreateTopics();
        using var metrics = new MetricsRecorder(Topic);
        var deadLetters = CreateTestProbe();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]), deadLetters: deadLetters);
        var oversize = Envelope(1, value: new string('x', 2_000_000)); // the record and its full copy are refused before sending
        Kafka.PushProduceErrors(ErrorCode.TopicAuthorizationFailed); // ... and the headers-only copy by the broker

        var deadLettered = await EventFilter.Error(contains: "could not be published").ExpectOneAsync(() =>
            producer.Ask<DeadLetteredRecord>(Produce(oversize), TimeSpan.FromSeconds(30)));

        Assert.Same(deadLettered, deadLetters.ExpectMsg<DeadLetteredRecord>());
        Assert.Same(oversize, deadLettered.Envelope);
        Assert.Equal(DeadLetterCause.Permanent, deadLettered.Cause);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, deadLettered.LastError!.Code);
        Assert.False(deadLettered.Published);
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, deadLettered.PublishError?.Code);
        Assert.Equal(1, metrics.Count(KafkaActorsMetrics.DeadLetterPublishFailed));
        Assert.Equal(1, metrics.Count(KafkaActorsMetrics.DeadLettered, "cause=permanent"));
    }

    [Fact]
    public async Task A_record_too_large_for_its_topic_lands_on_the_dead_letter_topic_when_its_producer_allows_more()
    {
        CreateTopics();
        var settings = Settings(("message.max.bytes", "10000"))
            .WithDeadLetter(DeadLetterSettings.Create(Sys).WithClientProperty("message.max.bytes", "100000"));
        var producer = StartProducer(settings);
        var oversize = Envelope(3, value: new string('x', 20_000));

        var deadLettered = await producer.Ask<DeadLetteredRecord>(Produce(oversize), TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorCode.MsgSizeTooLarge, deadLettered.LastError!.Code);
        Assert.True(deadLettered.Published, $"copy not published: {deadLettered.PublishError}");
        var copy = Assert.Single(TestConsumer.ReadAll(Kafka.BootstrapServers, DeadLetterTopic, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(20_000, copy.Message.Value.Length);
    }

    [FaultInjectionFact]
    public async Task With_the_dead_letter_topic_off_only_the_dead_letter_actor_gets_the_record()
    {
        CreateTopics();
        var deadLetters = CreateTestProbe();
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]).WithDeadLetter(DeadLetterSettings.Create(Sys).WithTopic(null)),
            deadLetters: deadLetters);
        Kafka.PushProduceErrors(ErrorCode.MsgSizeTooLarge);

        var deadLettered = await producer.Ask<DeadLetteredRecord>(Produce(Envelope(3)), TimeSpan.FromSeconds(30));

        Assert.Same(deadLettered, deadLetters.ExpectMsg<DeadLetteredRecord>());
        Assert.False(deadLettered.Published);
        Assert.Null(deadLettered.PublishError);
        Assert.Throws<TimeoutException>(() => TestConsumer.ReadAll(Kafka.BootstrapServers, DeadLetterTopic, 1, TimeSpan.FromSeconds(1)));
    }
}
