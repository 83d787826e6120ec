using Akka.Actor;
using Akka.Hosting;

namespace KafkaActors.Hosting;

/// <summary>Akka.Hosting wiring for KafkaActors producers.</summary>
public static class KafkaActorsHostingExtensions
{
    /// <summary>
    /// Starts the producer actor of <paramref name="definition"/> (<c>/user/kafka-producer-&lt;name&gt;</c>)
    /// and registers it in the <see cref="ActorRegistry"/> under <typeparamref name="TDefinition"/>, so other
    /// code injects <c>IRequiredActor&lt;TDefinition&gt;</c> and calls <c>ProduceAsync</c> on it. Every type
    /// argument is inferred from <paramref name="definition"/>. The reference configuration is applied
    /// automatically; several producers (other clusters, other serializers) live side by side.
    /// Success and dead-letter actors named with <c>WithSuccessActor</c>/<c>WithDeadLetterActor</c>
    /// must be registered before this call.
    /// </summary>
    public static AkkaConfigurationBuilder WithKafkaProducer<TDefinition, TKey, TValue, TContext>(this AkkaConfigurationBuilder builder,
        KafkaProducerDefinition<TDefinition, TKey, TValue, TContext> definition,
        Action<KafkaProducerRegistration<TKey, TValue, TContext>>? configure = null)
        where TDefinition : KafkaProducerDefinition<TDefinition, TKey, TValue, TContext>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);

        var registration = new KafkaProducerRegistration<TKey, TValue, TContext>(definition.Name);
        configure?.Invoke(registration);

        return builder
            .AddHocon(KafkaActorsConfig.Reference, HoconAddMode.Append)
            .WithActors((system, registry) =>
            {
                var settings = ProducerActorSettings<TKey, TValue>.Create(
                    registration.Compose(system.Settings.Config), registration.KeySerializer, registration.ValueSerializer);
                var success = Required(registry, registration.SuccessActorKey, definition.Name, "success");
                var deadLetters = Required(registry, registration.DeadLetterActorKey, definition.Name, "dead-letter");
                var producer = system.ActorOf(
                    KafkaProducerActor.Props(settings, success, deadLetters, registration.Listener), $"kafka-producer-{definition.Name}");
                registry.Register<TDefinition>(producer);
            });
    }

    private static IActorRef? Required(IActorRegistry registry, Type? key, string producer, string role)
    {
        if (key is null) return null;
        return registry.TryGet(key, out var actor)
            ? actor
            : throw new InvalidOperationException(
                $"Producer '{producer}' sends {role} outcomes to the actor registered as {key.Name}, but none is registered yet. " +
                "Register it (WithActors(... registry.Register<" + key.Name + ">(...))) before WithKafkaProducer.");
    }
}
