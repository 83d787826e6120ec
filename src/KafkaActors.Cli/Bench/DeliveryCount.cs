namespace KafkaActors.Cli.Bench;

/// <summary>How the records of one run ended.</summary>
internal readonly record struct DeliveryCount(long Delivered, long Failed)
{
    public DeliveryCount Add(bool delivered) =>
        delivered ? this with { Delivered = Delivered + 1 } : this with { Failed = Failed + 1 };
}
