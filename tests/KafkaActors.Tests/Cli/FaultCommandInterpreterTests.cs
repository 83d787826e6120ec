using Confluent.Kafka;
using KafkaActors.Cli.Broker;
using KafkaActors.Testing;
using Xunit;

namespace KafkaActors.Tests.Cli;

public sealed class FaultCommandInterpreterTests : IDisposable
{
    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start(1);

    [Theory]
    [InlineData("errors NotLeaderForPartition")]
    [InlineData("errors notleaderforpartition requesttimedout")]
    [InlineData("errors 6 7 -192")]
    [InlineData("ERRORS   6\t7")]
    public void Error_codes_are_taken_by_name_in_any_case_or_by_number(string line) =>
        Assert.Equal(FaultAnswer.Done, Interpreter.Execute(line));

    [Theory]
    [InlineData("errors 12345", "'12345' is not a Kafka error code")]
    [InlineData("errors 6 Nope", "'Nope' is not a Kafka error code")]
    [InlineData("errors", "the syntax is 'errors <code> [<code>...]'")]
    public void Unknown_error_codes_are_rejected(string line, string problem) =>
        Assert.Contains(problem, Interpreter.Execute(line)!.Value.Problem);

    [Fact]
    public async Task Queued_errors_reach_the_next_produce_requests()
    {
        Assert.Equal(FaultAnswer.Done, Interpreter.Execute("topic t 1"));
        Assert.Equal(FaultAnswer.Done, Interpreter.Execute("errors TopicAuthorizationFailed"));
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();

        var failed = await Assert.ThrowsAsync<ProduceException<Null, string>>(() => producer.ProduceAsync("t", new Message<Null, string> { Value = "v" }));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failed.Error.Code);
    }

    [Fact]
    public void A_blank_line_needs_no_answer() => Assert.Null(Interpreter.Execute("   "));

    [Fact]
    public void A_refusal_by_the_broker_is_an_answer_not_a_crash()
    {
        Interpreter.Execute("topic t 1");
        var answer = Interpreter.Execute("topic t 2")!.Value;
        Assert.False(answer.Ok);
        Assert.StartsWith("error: Could not create topic 't': TopicAlreadyExists", answer.ToString());
    }

    private FaultCommandInterpreter Interpreter => new(_kafka);

    public void Dispose() => _kafka.Dispose();
}
