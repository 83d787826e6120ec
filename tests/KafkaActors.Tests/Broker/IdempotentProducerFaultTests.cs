using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Broker;

/// <summary>
/// A sequence error breaks an idempotent producer for good: row 8 of the fault table in EMBEDDED_BROKER.md.
/// Neither the delivery report nor the exceptions that follow say so; only the error handler does.
/// </summary>
public class IdempotentProducerFaultTests(ITestOutputHelper output)
{
    [FaultInjectionFact]
    public async Task Out_of_order_sequence_number_fails_the_record_and_the_error_handler_reports_a_fatal_error()
    {
        using var stage = ProducerOnEmbeddedKafka.Start(output, c => c.EnableIdempotence = true);
        stage.Kafka.PushProduceErrors(ErrorCode.OutOfOrderSequenceNumber);

        var delivery = await stage.SendAsync();
        var fatal = await stage.Errors.WaitForAsync(e => e.IsFatal, TimeSpan.FromSeconds(10));

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, delivery.Error.Code);
        Assert.Equal(45, (int)delivery.Error.Code);
        Assert.Equal(PersistenceStatus.PossiblyPersisted, delivery.Report.Status);
        Assert.False(delivery.Error.IsFatal, "the delivery report itself does not flag the error as fatal");
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, fatal.Code);
        output.WriteLine($"error handler saw: {stage.Errors}");

        // The producer is dead: Produce refuses every further record synchronously, with the fatal error.
        var refused = Assert.Throws<ProduceException<string, string>>(() => stage.Producer.Client.Produce(stage.Topic, new Message<string, string> { Value = "next" }));
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, refused.Error.Code);
        Assert.False(refused.Error.IsFatal, "Produce's exception does not flag it as fatal either");
    }
}
