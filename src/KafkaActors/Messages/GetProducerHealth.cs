namespace KafkaActors;

/// <summary>Asks the producer actor how it is doing; it answers with a <see cref="ProducerHealth"/> at once.</summary>
public sealed class GetProducerHealth
{
    public static readonly GetProducerHealth Instance = new();

    private GetProducerHealth()
    {
    }

    public override string ToString() => nameof(GetProducerHealth);
}
