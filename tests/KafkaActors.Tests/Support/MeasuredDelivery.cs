using Confluent.Kafka;

namespace KafkaActors.Tests.Support;

/// <summary>A delivery report with what it cost: time from Produce to report, Produce requests the cluster had seen by then.</summary>
public sealed record MeasuredDelivery(DeliveryReport<string, string> Report, TimeSpan Elapsed, int ProduceRequests)
{
    public Error Error => Report.Error;

    public override string ToString() =>
        $"{(Error.IsError ? $"{Error.Code} ({(int)Error.Code}{(Error.IsLocalError ? ", local" : "")}{(Error.IsFatal ? ", fatal" : "")})" : "delivered")}, " +
        $"{Report.Status}, after {Elapsed.TotalMilliseconds:0} ms, {ProduceRequests} Produce request(s) so far";
}
