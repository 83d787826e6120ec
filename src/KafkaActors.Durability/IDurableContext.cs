namespace KafkaActors.Durability;

/// <summary>
/// How the caller's context goes into the journal, so records sent again after a restart carry it. Without
/// one, such records come back with the default context.
/// </summary>
public interface IDurableContext<TContext>
{
    byte[] ToBytes(TContext context);

    TContext FromBytes(byte[] bytes);
}
