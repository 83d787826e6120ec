using Akka.Actor;

namespace KafkaActors.Hosting;

/// <summary>
/// One producer of an application: its name and the record types it produces, said once.
/// Derive a sealed class that names itself first,
/// <c>sealed class Orders() : KafkaProducerDefinition&lt;Orders, string, string, Order&gt;("orders");</c>,
/// register an instance (<c>builder.WithKafkaProducer(new Orders(), ...)</c>: every type argument is
/// inferred from it) and inject <c>IRequiredActor&lt;Orders&gt;</c>, whose <c>ProduceAsync</c> only
/// compiles for <c>ProducerEnvelope&lt;string, string, Order&gt;</c>.
/// </summary>
/// <remarks>
/// The type names itself (<typeparamref name="TSelf"/>) because C# infers type arguments from an
/// argument's base class but never from constraints: this is what lets one argument carry the registry
/// key and the three record types. Anything that answers <c>Produce</c> with <c>IProduceReply</c> (the
/// producer actor, a cluster front door) can be registered under a definition.
/// </remarks>
public abstract class KafkaProducerDefinition<TSelf, TKey, TValue, TContext>
    where TSelf : KafkaProducerDefinition<TSelf, TKey, TValue, TContext>
{
    /// <param name="name">
    /// Names the producer's actor (<c>kafka-producer-&lt;name&gt;</c>) and its own HOCON section
    /// (<c>kafka-actors.producers.&lt;name&gt;</c>): letters, digits and <c>-_.</c>.
    /// </param>
    protected KafkaProducerDefinition(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !ActorPath.IsValidPathElement(name))
            throw new ArgumentException($"'{name}' cannot name a producer: use letters, digits and -_.", nameof(name));
        if (GetType() != typeof(TSelf))
            throw new InvalidOperationException(
                $"{GetType().Name} must name itself as the first type argument (KafkaProducerDefinition<{GetType().Name}, ...>), not {typeof(TSelf).Name}: it is the registry key.");
        Name = name;
    }

    public string Name { get; }

    public override string ToString() =>
        $"{typeof(TSelf).Name}({Name}: <{typeof(TKey).Name}, {typeof(TValue).Name}, {typeof(TContext).Name}>)";
}
