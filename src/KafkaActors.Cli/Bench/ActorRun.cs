using Akka.Actor;
using KafkaActors.Cli.Pipeline;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// A producer actor with its own producer, as a user's would be, made when the run is prepared (so its producer is
/// built before the clock starts, like the raw row's), driven with at most <see cref="ProducerActorRun.Window"/>
/// records unanswered, and stopped after the measurement.
/// </summary>
internal sealed class ActorRun<TKey, TValue> : IBenchRun
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly ActorSystem _system;
    private readonly ProducerEnvelope<TKey, TValue, int>[] _envelopes;
    private readonly IActorRef _actor;

    public ActorRun(ActorSystem system, ProducerActorSettings<TKey, TValue> settings, ProducerEnvelope<TKey, TValue, int>[] envelopes)
    {
        _system = system;
        _envelopes = envelopes;
        _actor = system.ActorOf(KafkaProducerActor.Props<TKey, TValue, int>(settings.WithIntakeBufferSize(ProducerActorRun.Window)));
    }

    public Task<DeliveryCount> ExecuteAsync(CancellationToken ct) => DriveAsync(_system, _actor, _envelopes, ct);

    /// <summary>Sends every envelope to <paramref name="target"/> as <c>Produce</c>, at most the window unanswered; counts the answers.</summary>
    public static async Task<DeliveryCount> DriveAsync(ActorSystem system, IActorRef target, ProducerEnvelope<TKey, TValue, int>[] envelopes, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tally = new DeliveryTally<TKey, TValue>();
        var driver = system.ActorOf(Props.Create(() =>
            new RecordDriver<TKey, TValue>(target, envelopes.Length, i => envelopes[i], tally, ProducerActorRun.Window, done)));
        try
        {
            await done.Task.WaitAsync(ct);
            return tally.Count;
        }
        finally
        {
            system.Stop(driver);
        }
    }

    public void Dispose() => _actor.GracefulStop(StopWait, StopProducing.Instance).GetAwaiter().GetResult();
}
