using Akka.Actor;
using Confluent.Kafka;
using KafkaActors.Cli.Pipeline;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The full actor pipeline: <c>Produce</c> to a <see cref="KafkaProducerActor"/> (intake, send gate,
/// producer stage, outcome routing, one reply per record) with at most <see cref="Window"/> unanswered.
/// Records have no key, so per-key order holds nothing back.
/// </summary>
internal sealed class ProducerActorRun : ProducerRun
{
    public const int Window = 10_000;

    private readonly BenchEnvironment _environment;
    private readonly ProducerEnvelope<Null, byte[], int>[] _envelopes;

    public ProducerActorRun(BenchEnvironment environment, string topic) : base(environment, topic)
    {
        _environment = environment;
        _envelopes = Messages.Select((message, i) => new ProducerEnvelope<Null, byte[], int>(topic, message, i)).ToArray();
    }

    public override Task<DeliveryCount> ExecuteAsync(CancellationToken ct) =>
        DriveAsync(_environment.System, ProducerActorSettings<Null, byte[]>.Create(_environment.System).WithProducer(_environment.Settings),
            Producer, _envelopes, ct);

    /// <summary>Sends every envelope through a new producer actor over <paramref name="producer"/>, at most <see cref="Window"/> unanswered.</summary>
    public static async Task<DeliveryCount> DriveAsync<TKey, TValue>(ActorSystem system, ProducerActorSettings<TKey, TValue> settings,
        IProducer<TKey, TValue> producer, ProducerEnvelope<TKey, TValue, int>[] envelopes, CancellationToken ct)
    {
        var actor = system.ActorOf(KafkaProducerActor.Props<TKey, TValue, int>(settings.WithIntakeBufferSize(Window), producer: producer));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tally = new DeliveryTally<TKey, TValue>();
        var driver = system.ActorOf(Props.Create(() => new RecordDriver<TKey, TValue>(actor, envelopes.Length, i => envelopes[i], tally, Window, done)));
        try
        {
            await done.Task.WaitAsync(ct);
            return tally.Count;
        }
        finally
        {
            system.Stop(driver);
            await actor.GracefulStop(TimeSpan.FromSeconds(30), StopProducing.Instance);
        }
    }
}
