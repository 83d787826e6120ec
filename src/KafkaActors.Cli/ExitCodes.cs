namespace KafkaActors.Cli;

/// <summary>
/// What the process tells its caller; each cause has its own code so scripts can act on it
/// (the README's CLI section lists them).
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done: every record delivered (produce), every record accounted for (demo).</summary>
    public const int Ok = 0;

    /// <summary>produce: at least one line was not delivered (dead-lettered, or not sent: its report line says why).</summary>
    public const int NotAllDelivered = 1;

    /// <summary>The input was wrong: a bad flag or value, a malformed address, a bad configuration file, a rejected fault command.</summary>
    public const int Usage = 2;

    /// <summary>Kafka could not be used: nothing listens, the name does not resolve, no answer in time, or the topic is missing.</summary>
    public const int BrokerUnavailable = 3;

    /// <summary>Reading the input or writing the report failed (no such file, not writable, standard output closed).</summary>
    public const int InputOutput = 4;

    /// <summary>Anything else: the demo's proof failed, or an unexpected error (stderr says what).</summary>
    public const int Failure = 5;

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2, as shells expect.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
