namespace KafkaActors.Cli;

/// <summary>What the process tells its caller.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and something went wrong (a broker refused, records were lost).</summary>
    public const int Failure = 1;

    /// <summary>The input was wrong: a bad flag, a malformed value, a rejected fault command.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C before finishing (128 + SIGINT, as shells expect).</summary>
    public const int Cancelled = 130;
}
