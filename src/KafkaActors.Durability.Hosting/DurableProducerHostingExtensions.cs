using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using KafkaActors.Hosting;

namespace KafkaActors.Durability.Hosting;

/// <summary>Akka.Hosting wiring for the durable producer.</summary>
public static class DurableProducerHostingExtensions
{
    /// <summary>
    /// Starts a durable producer for <paramref name="definition"/> (<c>/user/kafka-producer-&lt;name&gt;</c>) and
    /// registers it under <typeparamref name="TDefinition"/>: inject <c>IRequiredActor&lt;TDefinition&gt;</c> and call
    /// <c>ProduceAsync</c> as with any producer. Its journal comes from <paramref name="durability"/> (code) over
    /// <c>kafka-actors.durability</c> in the system's HOCON over the reference; its producer settings from
    /// <c>kafka-actors</c>, changed by <paramref name="producer"/>. A journal that cannot be written, reached or has
    /// another schema fails the start, in one line naming the key.
    /// </summary>
    public static AkkaConfigurationBuilder WithDurableKafkaProducer<TDefinition, TContext>(this AkkaConfigurationBuilder builder,
        KafkaProducerDefinition<TDefinition, byte[]?, byte[], TContext> definition, Action<DurabilityOptions> durability,
        Func<ProducerActorSettings<byte[]?, byte[]>, ProducerActorSettings<byte[]?, byte[]>>? producer = null,
        IDurableContext<TContext>? context = null)
        where TDefinition : KafkaProducerDefinition<TDefinition, byte[]?, byte[], TContext>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(durability);
        var options = new DurabilityOptions();
        durability(options);
        options.PersistenceId ??= $"kafka-producer-{definition.Name}";

        return builder
            .AddHocon(KafkaActorsConfig.Reference, HoconAddMode.Append)
            .WithActors((system, registry) =>
            {
                var config = KafkaActorsConfig.Resolve(system);
                var journal = DurabilitySettings.Create(options.ToSection().WithFallback(Section(config, DurabilitySettings.ConfigPath)));
                var settings = ProducerActorSettings<byte[]?, byte[]>.Create(system);
                if (producer is not null) settings = producer(settings);
                registry.Register<TDefinition>(system.ActorOf(DurableProducerActor.Props(settings, journal, context: context),
                    $"kafka-producer-{definition.Name}"));
            });
    }

    private static Config Section(Config config, string path) => config.HasPath(path) ? config.GetConfig(path) : Config.Empty;
}
