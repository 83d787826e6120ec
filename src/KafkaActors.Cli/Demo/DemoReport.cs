using KafkaActors.Cli.Broker;
using KafkaActors.Cli.Pipeline;
using System.Text.Json;

namespace KafkaActors.Cli.Demo;

/// <summary>The demo's result: what happened to the records, and the read-back proof that each is accounted for.</summary>
internal sealed record DemoReport(
    int Records,
    long Delivered,
    long DeadLettered,
    long FailedAttempts,
    long RejectedAndResent,
    long DuplicateReplies,
    IReadOnlyDictionary<int, int> AttemptsHistogram,
    IReadOnlyDictionary<string, int> DeadLetterReasons,
    double Seconds,
    double P50Ms,
    double P99Ms,
    int DeliveredFoundOnTopic,
    int DeadLetteredFoundOnDlt,
    int DeadLetteredNotPublished,
    int DuplicatesOnTopic,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Faults,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DemoEvent> Events,
    KeyOrderFigures KeyOrder)
{
    public bool AllAccountedFor => Problems.Count == 0;

    public double RecordsPerSecond => Records / Math.Max(Seconds, 1e-9);

    public static DemoReport Build(OutcomeTally tally, TimeSpan elapsed, TopicContents topic, TopicContents dlt,
        IReadOnlyList<string> faults, IReadOnlyList<string> notes, IReadOnlyList<DemoEvent> events, KeyOrderFigures keyOrder)
    {
        var (onTopic, onDlt) = (topic.Ids, dlt.Ids);
        var problems = new List<string>();
        var dropped = topic.DroppedByRetention + dlt.DroppedByRetention;
        if (dropped > 0)
            problems.Add($"the broker dropped {dropped:N0} record(s) past its retention ({EmbeddedRetention.Description}), so the read-back cannot see them: use fewer records or more keys");
        var missing = Enumerable.Range(0, tally.Records).Where(id => !tally.Outcomes.ContainsKey(id)).ToList();
        if (missing.Count > 0) problems.Add($"{missing.Count} record(s) without a terminal outcome, e.g. id {missing[0]}");
        if (tally.DuplicateReplies > 0) problems.Add($"{tally.DuplicateReplies} second reply(ies) for one record");

        var delivered = tally.Outcomes.Values.OfType<Produced<string, string, int>>().ToList();
        var deadLettered = tally.Outcomes.Values.OfType<DeadLettered<string, string, int>>().ToList();
        var deliveredFound = delivered.Count(d => onTopic.ContainsKey(d.Envelope.Context));
        if (deliveredFound < delivered.Count)
            problems.Add($"{delivered.Count - deliveredFound} delivered record(s) not on the topic");
        var published = deadLettered.Where(d => d.Published).ToList();
        var dltFound = published.Count(d => onDlt.ContainsKey(d.Envelope.Context));
        if (dltFound < published.Count)
            problems.Add($"{published.Count - dltFound} dead-lettered record(s) not on the dead-letter topic");
        var strays = onTopic.Keys.Concat(onDlt.Keys).Count(id => id < 0 || id >= tally.Records);
        if (strays > 0) problems.Add($"{strays} record(s) on the topics that the demo never sent");

        var latencies = tally.LatenciesMs.Order().ToArray();
        return new DemoReport(
            tally.Records, delivered.Count, deadLettered.Count, tally.FailedAttempts, tally.Rejected, tally.DuplicateReplies,
            tally.Outcomes.Values.GroupBy(Attempts).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            deadLettered.GroupBy(d => $"{d.Cause}: {d.LastError?.Code}").ToDictionary(g => g.Key, g => g.Count()),
            elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            deliveredFound, dltFound, deadLettered.Count - published.Count,
            onTopic.Values.Sum(n => n - 1),
            problems, faults, notes, events, keyOrder);
    }

    private static int Attempts(IProduceReply<string, string, int> reply) => reply switch
    {
        Produced<string, string, int> d => d.Attempts,
        DeadLettered<string, string, int> x => x.Attempts,
        _ => 0,
    };

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string ToJson() => JsonSerializer.Serialize(new
    {
        records = Records,
        delivered = Delivered,
        deadLettered = DeadLettered,
        failedAttempts = FailedAttempts,
        rejectedAndResent = RejectedAndResent,
        attempts = AttemptsHistogram.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
        deadLetterReasons = DeadLetterReasons,
        seconds = Math.Round(Seconds, 3),
        recordsPerSecond = Math.Round(RecordsPerSecond),
        latencyMs = new { p50 = Math.Round(P50Ms, 1), p99 = Math.Round(P99Ms, 1) },
        readBack = new { deliveredFoundOnTopic = DeliveredFoundOnTopic, deadLetteredFoundOnDlt = DeadLetteredFoundOnDlt, deadLetteredNotPublished = DeadLetteredNotPublished, duplicatesOnTopic = DuplicatesOnTopic },
        keyOrder = new { preserveKeyOrder = KeyOrder.Mode.ToString().ToLowerInvariant(), violations = KeyOrder.Violations },
        faults = Faults,
        notes = Notes,
        events = Events.Select(e => new { level = e.Level, count = e.Count, duringFault = e.DuringFault, message = e.Message }),
        allAccountedFor = AllAccountedFor,
        problems = Problems,
    }, new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>The key-order mode the demo ran with and the reorders it counted (kafka_actors.key_order_violations).</summary>
internal sealed record KeyOrderFigures(KeyOrderMode Mode, long Violations)
{
    public string Setting => $"preserve-key-order = {Mode.ToString().ToLowerInvariant()}";
}
