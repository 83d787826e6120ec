using Akka.Actor;
using Akka.Hosting;

namespace KafkaActors.Hosting;

/// <summary>Akka.Hosting wiring for KafkaActors producers.</summary>
public static class KafkaActorsHostingExtensions
{
    /// <summary>
    /// Starts a named producer actor and registers it in the <see cref="ActorRegistry"/> under
    /// <typeparamref name="TRegistryKey"/>, so other code gets it as <c>IRequiredActor&lt;TRegistryKey&gt;</c>.
    /// The reference configuration is applied automatically. Several producers (other clusters, other
    /// serializers) may be added to one system under different names and keys.
    /// Success and dead-letter actors named with <c>WithSuccessActor</c>/<c>WithDeadLetterActor</c>
    /// must be registered before this call.
    /// </summary>
    public static AkkaConfigurationBuilder WithKafkaProducer<TRegistryKey, TKey, TValue, TContext>(this AkkaConfigurationBuilder builder,
        string name, Action<KafkaProducerRegistration<TKey, TValue, TContext>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(name) || !ActorPath.IsValidPathElement(name))
            throw new ArgumentException($"'{name}' cannot name a producer: use letters, digits and -_.", nameof(name));

        var registration = new KafkaProducerRegistration<TKey, TValue, TContext>(name);
        configure?.Invoke(registration);

        return builder
            .AddHocon(KafkaActorsConfig.Reference, HoconAddMode.Append)
            .WithActors((system, registry) =>
            {
                var settings = ProducerActorSettings<TKey, TValue>.Create(
                    registration.Compose(system.Settings.Config).GetConfig(KafkaActorsConfig.RootPath), registration.KeySerializer, registration.ValueSerializer);
                var success = Required(registry, registration.SuccessActorKey, name, "success");
                var deadLetters = Required(registry, registration.DeadLetterActorKey, name, "dead-letter");
                var producer = system.ActorOf(
                    KafkaProducerActor.Props(settings, success, deadLetters, registration.Listener), $"kafka-producer-{name}");
                registry.Register<TRegistryKey>(producer);
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
