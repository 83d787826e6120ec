using System.Runtime.InteropServices;

namespace KafkaActors.Cli;

/// <summary>
/// The first Ctrl-C (SIGINT) or SIGTERM cancels the running command's token so it can stop cleanly;
/// a second one ends the process at once. Created before any command runs: a registration made after
/// librdkafka has started (EmbeddedKafka, a producer) never saw SIGINT on these machines (measured),
/// which is why System.CommandLine's own handling, registered once the command is already running, is off.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public TerminationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first signal received: SIGINT or SIGTERM; null while none came.</summary>
    public PosixSignal? Received => Volatile.Read(ref _signal) switch
    {
        0 => null,
        var s => (PosixSignal)s,
    };

    /// <summary>The exit code a shell expects after the signal received (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>The signal's usual name, for messages.</summary>
    public string Name => Received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0) != 0) return; // second signal: the default action ends the process
        context.Cancel = true;
        _cancellation.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancellation.Dispose();
    }
}
