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

    public override async Task<DeliveryCount> ExecuteAsync(CancellationToken ct)
    {
        var settings = ProducerActorSettings<Null, byte[]>.Create(_environment.System)
            .WithProducer(_environment.Settings)
            .WithIntakeBufferSize(Window);
        var producer = _environment.System.ActorOf(KafkaProducerActor.Props<Null, byte[], int>(settings, producer: Producer));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tally = new DeliveryTally<Null, byte[]>();
        var driver = _environment.System.ActorOf(Props.Create(() =>
            new RecordDriver<Null, byte[]>(producer, _envelopes.Length, i => _envelopes[i], tally, Window, done)));
        try
        {
            await done.Task.WaitAsync(ct);
            return tally.Count;
        }
        finally
        {
            _environment.System.Stop(driver);
            await producer.GracefulStop(TimeSpan.FromSeconds(30), StopProducing.Instance);
        }
    }
}
