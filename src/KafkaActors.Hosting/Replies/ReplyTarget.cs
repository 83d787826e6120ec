using Akka.Actor;

namespace KafkaActors.Hosting;

/// <summary>
/// A one-reply sender for code that is not an actor: the producer's reply completes the task. Unlike
/// <c>Ask</c> it is registered nowhere and needs no timer, so once the producer has answered (or never
/// will, because the caller gave up and the record is terminal), nothing but the garbage collector holds it.
/// </summary>
internal sealed class ReplyTarget<TKey, TValue, TContext> : MinimalActorRef
{
    private readonly TaskCompletionSource<IProduceReply<TKey, TValue, TContext>> _reply =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;

    public ReplyTarget(IActorRefProvider provider)
    {
        Provider = provider;
        Path = provider.TempPath();
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider { get; }

    public Task<IProduceReply<TKey, TValue, TContext>> Reply => _reply.Task;

    /// <summary>The caller stops waiting when <paramref name="cancel"/> fires; the record itself goes on to its outcome.</summary>
    public void CancelWith(CancellationToken cancel)
    {
        if (cancel.CanBeCanceled)
            _cancellation = cancel.Register(static state =>
            {
                var (target, token) = ((ReplyTarget<TKey, TValue, TContext>, CancellationToken))state!;
                target._reply.TrySetCanceled(token);
            }, (this, cancel));
    }

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is not IProduceReply<TKey, TValue, TContext> reply) return;
        _reply.TrySetResult(reply);
        _cancellation.Dispose();
    }
}
