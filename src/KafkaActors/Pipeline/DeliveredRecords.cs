using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace KafkaActors;

/// <summary>
/// How delivered records get from the producer stream to the producer actor: a queue, and at most one
/// <see cref="DeliveriesReady"/> in the actor's mailbox at a time. At full speed the actor takes hundreds of
/// records per wake-up instead of one mailbox message each (a mailbox hop per record was most of what the
/// actor path cost over the flow); when idle, the first delivery wakes it at once, so nothing waits.
/// </summary>
internal sealed class DeliveredRecords<TKey, TValue, TContext>
{
    private readonly ConcurrentQueue<Submission<TKey, TValue, TContext>> _queue = new();
    private readonly IActorRef _actor;
    private int _signalled;

    public DeliveredRecords(IActorRef actor) => _actor = actor;

    /// <summary>The stream's thread: queue the record, and wake the actor unless a wake-up is pending.</summary>
    public void Add(Submission<TKey, TValue, TContext> record)
    {
        _queue.Enqueue(record);
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0) _actor.Tell(DeliveriesReady.Instance, ActorRefs.NoSender);
    }

    /// <summary>The actor's thread: every record queued so far, oldest first.</summary>
    public void TakeAll(Action<Submission<TKey, TValue, TContext>> delivered)
    {
        // Reset before taking, with a full fence: a record queued meanwhile is either taken now or sends a new wake-up.
        Interlocked.Exchange(ref _signalled, 0);
        while (_queue.TryDequeue(out var record)) delivered(record);
    }
}

/// <summary>Delivered records wait in the producer actor's <see cref="DeliveredRecords{TKey,TValue,TContext}"/>.</summary>
internal sealed class DeliveriesReady : IDeadLetterSuppression
{
    public static readonly DeliveriesReady Instance = new();

    private DeliveriesReady()
    {
    }
}
