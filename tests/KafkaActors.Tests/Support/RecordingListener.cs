using System.Collections.Concurrent;
using Delivered = KafkaActors.Produced<string, string, int>;
using Failed = KafkaActors.DeliveryOutcome<string, string, int>.Failed;

namespace KafkaActors.Tests.Support;

/// <summary>A listener that records every callback and lets a test wait for failed attempts.</summary>
public sealed class RecordingListener : IProducerListener<string, string, int>
{
    private readonly ConcurrentQueue<Failed> _errors = new();
    private readonly ConcurrentQueue<Delivered> _successes = new();
    private readonly ConcurrentQueue<DeadLettered<string, string, int>> _deadLettered = new();
    private readonly Func<Failed, bool> _signalWhen;
    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _signalAfter;
    private int _matching;

    /// <param name="signalAfter">How many failed attempts matching <paramref name="signalWhen"/> complete <see cref="Signalled"/>.</param>
    public RecordingListener(int signalAfter = 1, Func<Failed, bool>? signalWhen = null)
    {
        _signalAfter = signalAfter;
        _signalWhen = signalWhen ?? (_ => true);
    }

    public IReadOnlyCollection<Failed> Errors => _errors;
    public IReadOnlyCollection<Delivered> Successes => _successes;
    public IReadOnlyCollection<DeadLettered<string, string, int>> DeadLettered => _deadLettered;

    /// <summary>Completes when enough matching failed attempts were seen.</summary>
    public Task Signalled => _signal.Task;

    public void OnSuccess(Delivered delivered) => _successes.Enqueue(delivered);

    public void OnError(Failed failed)
    {
        _errors.Enqueue(failed);
        if (_signalWhen(failed) && Interlocked.Increment(ref _matching) >= _signalAfter) _signal.TrySetResult();
    }

    public void OnDeadLettered(DeadLettered<string, string, int> deadLettered) => _deadLettered.Enqueue(deadLettered);
}
