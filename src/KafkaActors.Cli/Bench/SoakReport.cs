using System.Globalization;

namespace KafkaActors.Cli.Bench;

/// <summary>What the soak found: every record answered once or not, and the peak working set against the bar.</summary>
internal sealed record SoakReport(
    DateTimeOffset Date,
    int Records,
    int Keys,
    double Seconds,
    long Delivered,
    long DeadLettered,
    long Retried,
    int AnsweredOnce,
    int AnsweredTwiceOrMore,
    int NeverAnswered,
    long KeyOrderViolations,
    long PeakWorkingSetBytes,
    long WorkingSetBarBytes,
    int Gen2Collections,
    IReadOnlyList<string> Faults)
{
    public bool EveryRecordAnsweredOnce => AnsweredOnce == Records;

    public bool UnderBar => PeakWorkingSetBytes <= WorkingSetBarBytes;

    public bool Passed => EveryRecordAnsweredOnce && UnderBar;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        soak {Date:yyyy-MM-dd HH:mm zzz}: {Records:N0} records over {Keys:N0} keys through the producer actor in {Seconds:N1} s ({Records / Seconds:N0} records/s)
        delivered {Delivered:N0}, dead-lettered {DeadLettered:N0}, {Retried:N0} of them after more than one attempt; answered exactly once {AnsweredOnce:N0}, more than once {AnsweredTwiceOrMore:N0}, never {NeverAnswered:N0}
        key order (preserve-key-order = on): {KeyOrderViolations:N0} record(s) landed after a later record of their key
        peak working set {PeakWorkingSetBytes / 1048576.0:N0} MB (bar {WorkingSetBarBytes / 1048576.0:N0} MB, embedded brokers included), gen2 collections {Gen2Collections}
        {string.Join(Environment.NewLine, Faults.Select(f => "fault " + f))}
        {(Passed ? "passed" : "FAILED")}: {(EveryRecordAnsweredOnce ? "every record answered once" : "NOT every record answered once")}, {(UnderBar ? "under the bar" : "OVER the bar")}
        """);
}
