using Akka.Streams;
using Akka.Streams.Dsl;
using Xunit;

namespace KafkaActors.Tests.Streams;

/// <summary>When the flow stops before its records are accounted for, it says so loudly, never silently.</summary>
public class ProducerFlowStopTests : ProducerFlowSpec
{
    [Fact]
    public async Task Cancelling_downstream_with_records_in_flight_logs_how_many_outcomes_were_not_emitted_and_where_they_were_going()
    {
        Kafka.CreateTopic("cancelled");
        var settings = Settings(("linger.ms", "500")).WithFlushTimeout(TimeSpan.FromSeconds(5));

        await EventFilter.Error(contains: "Topics: cancelled: ").ExpectOneAsync(async () =>
        {
            var taken = await Source.From(Envelopes("cancelled", 2_000))
                .Via(KafkaProducerFlow.Create<string, string, int>(settings))
                .Take(10)
                .RunWith(Sink.Seq<DeliveryOutcome<string, string, int>>(), Sys.Materializer());
            Assert.Equal(10, taken.Count);
        });
    }

    [Fact]
    public async Task A_failing_upstream_fails_the_stream_and_still_reports_the_records_left_inside()
    {
        Kafka.CreateTopic("upstream-failure");
        var settings = Settings(("linger.ms", "500")).WithFlushTimeout(TimeSpan.FromSeconds(5));

        await EventFilter.Error(contains: "Topics: upstream-failure: 100").ExpectOneAsync(async () =>
        {
            var run = Source.From(Envelopes("upstream-failure", 100))
                .Concat(Source.Failed<ProducerEnvelope<string, string, int>>(new InvalidOperationException("upstream broke")))
                .Via(KafkaProducerFlow.Create<string, string, int>(settings))
                .RunWith(Sink.Ignore<DeliveryOutcome<string, string, int>>(), Sys.Materializer());
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
            Assert.Equal("upstream broke", error.Message);
        });
    }
}
