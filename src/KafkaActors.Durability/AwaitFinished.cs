namespace KafkaActors.Durability;

/// <summary>
/// Asks the durable producer to answer <see cref="Akka.Done"/> once every record it accepted — including those an
/// earlier run left and this one recovered — is finished and that is journaled. For a run that must leave
/// nothing behind before it stops.
/// </summary>
public sealed class AwaitFinished
{
    public static readonly AwaitFinished Instance = new();

    private AwaitFinished()
    {
    }

    public override string ToString() => nameof(AwaitFinished);
}
