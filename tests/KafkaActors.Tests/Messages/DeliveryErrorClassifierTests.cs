using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Tests.Messages;

public class DeliveryErrorClassifierTests
{
    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.Local_Transport)]
    [InlineData(ErrorCode.Local_AllBrokersDown)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.RequestTimedOut)]
    [InlineData(ErrorCode.NotEnoughReplicas)]
    [InlineData(ErrorCode.ThrottlingQuotaExceeded)]
    public void Transient_conditions_are_retriable(ErrorCode code) =>
        Assert.Equal(FailureKind.Retriable, DeliveryErrorClassifier.Default.Classify(code));

    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    [InlineData(ErrorCode.InvalidRecord)]
    [InlineData(ErrorCode.TopicException)]
    [InlineData(ErrorCode.Local_UnknownPartition)]
    [InlineData(ErrorCode.Local_KeySerialization)]
    [InlineData(ErrorCode.Local_ValueSerialization)]
    public void Conditions_the_same_record_cannot_pass_are_permanent(ErrorCode code) =>
        Assert.Equal(FailureKind.Permanent, DeliveryErrorClassifier.Default.Classify(code));

    [Fact]
    public void A_producer_the_error_handler_called_fatal_makes_any_code_fatal()
    {
        // OutOfOrderSequenceNumber arrives in the delivery report as non-fatal while the producer is dead.
        Assert.Equal(FailureKind.ProducerFailed, DeliveryErrorClassifier.Default.Classify(ErrorCode.OutOfOrderSequenceNumber, producerIsFatal: true));
        Assert.Equal(FailureKind.ProducerFailed, DeliveryErrorClassifier.Default.Classify(ErrorCode.Local_Fatal));
    }

    [Fact]
    public void Codes_nobody_listed_are_retried_because_attempts_are_bounded() =>
        Assert.Equal(FailureKind.Retriable, DeliveryErrorClassifier.Default.Classify(ErrorCode.UnknownMemberId));

    [Fact]
    public void An_override_wins_over_the_default_and_leaves_the_original_unchanged()
    {
        var custom = DeliveryErrorClassifier.Default.WithOverride(ErrorCode.MsgSizeTooLarge, FailureKind.Retriable);

        Assert.Equal(FailureKind.Retriable, custom.Classify(ErrorCode.MsgSizeTooLarge));
        Assert.Equal(FailureKind.Permanent, DeliveryErrorClassifier.Default.Classify(ErrorCode.MsgSizeTooLarge));
    }
}
