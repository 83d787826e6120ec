using Akka.Actor;
using Akka.Hosting;

namespace KafkaActors.Hosting;

/// <summary>
/// The typed face of a registered producer: inject <c>IRequiredActor&lt;Orders&gt;</c> and await the reply
/// (<c>ProduceAsync</c>, for code that is not an actor: an ASP.NET handler, a hosted service) or have it
/// sent to an actor (<c>Produce</c>). The envelope must be of the definition's record types, or the call
/// does not compile.
/// </summary>
public static class ProducerRequiredActorExtensions
{
    /// <summary>
    /// Produces <paramref name="envelope"/> through the producer registered under
    /// <typeparamref name="TDefinition"/> and completes with its one reply: <see cref="Produced{TKey,TValue,TContext}"/>,
    /// <see cref="DeadLettered{TKey,TValue,TContext}"/> or <see cref="ProduceRejected{TKey,TValue,TContext}"/>.
    /// Without <c>Ask</c>: no temporary actor is registered and no timer runs. <paramref name="cancel"/>
    /// stops the waiting only: an accepted record still reaches its outcome (and the success and
    /// dead-letter actors). A producer that has already stopped is answered with a rejection at once; one that
    /// stops after the record was sent and before it was accepted cannot answer: pass a token with a timeout.
    /// </summary>
    public static Task<IProduceReply<TKey, TValue, TContext>> ProduceAsync<TDefinition, TKey, TValue, TContext>(
        this IRequiredActor<TDefinition> producer, IProducerEnvelope<TKey, TValue, TContext> envelope, CancellationToken cancel = default)
        where TDefinition : KafkaProducerDefinition<TDefinition, TKey, TValue, TContext>
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(envelope);
        // The registry answers at once after start; only a call during start-up waits for the registration.
        var actor = producer.GetAsync(cancel);
        return actor.IsCompletedSuccessfully ? Send(actor.Result, envelope, cancel).Reply : SendWhenRegistered(actor, envelope, cancel);
    }

    private static async Task<IProduceReply<TKey, TValue, TContext>> SendWhenRegistered<TKey, TValue, TContext>(
        Task<IActorRef> actor, IProducerEnvelope<TKey, TValue, TContext> envelope, CancellationToken cancel) =>
        await Send(await actor.ConfigureAwait(false), envelope, cancel).Reply.ConfigureAwait(false);

    /// <summary>
    /// For actors: sends <paramref name="envelope"/> to the producer registered under <typeparamref name="TDefinition"/>;
    /// <paramref name="replyTo"/> gets its one <see cref="IProduceReply{TKey,TValue,TContext}"/>. Typed like
    /// <see cref="ProduceAsync{TDefinition,TKey,TValue,TContext}"/>, so the reply types the actor handles are the definition's.
    /// </summary>
    public static void Produce<TDefinition, TKey, TValue, TContext>(
        this IRequiredActor<TDefinition> producer, IProducerEnvelope<TKey, TValue, TContext> envelope, IActorRef replyTo)
        where TDefinition : KafkaProducerDefinition<TDefinition, TKey, TValue, TContext>
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(envelope);
        producer.ActorRef.Tell(new Produce<TKey, TValue, TContext>(envelope), replyTo);
    }

    /// <summary>Sends one <see cref="Produce{TKey,TValue,TContext}"/> with a fresh reply target as its sender.</summary>
    internal static ReplyTarget<TKey, TValue, TContext> Send<TKey, TValue, TContext>(
        IActorRef producer, IProducerEnvelope<TKey, TValue, TContext> envelope, CancellationToken cancel)
    {
        if (producer is not IInternalActorRef local)
            throw new InvalidOperationException($"{producer} is not an actor of this system; ProduceAsync needs the producer's own reference.");
        var target = new ReplyTarget<TKey, TValue, TContext>(local.Provider);
        target.CancelWith(cancel);
        if (cancel.IsCancellationRequested) return target;
        // A stopped actor's mail goes to dead letters and would never be answered: say so at once. Watching
        // (what CS0618 suggests) needs an actor, and one Watch/Unwatch per call would cost the producer more.
#pragma warning disable CS0618
        var stopped = local.IsTerminated;
#pragma warning restore CS0618
        if (stopped) target.Tell(new ProduceRejected<TKey, TValue, TContext>(envelope, "the producer has stopped"), ActorRefs.NoSender);
        else producer.Tell(new Produce<TKey, TValue, TContext>(envelope), target);
        return target;
    }
}
