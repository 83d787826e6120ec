namespace KafkaActors.Cli.Bench;

/// <summary>
/// The rows of the benchmark, in the order they run within each round. The first is the baseline of the
/// unkeyed rows; each keyed row is compared with the key-order-off row of the same keys.
/// </summary>
internal static class BenchTargets
{
    /// <summary>Keyed workloads: one hot key, a few, many, and very many.</summary>
    public static readonly int[] KeyCounts = [1, 10, 100, 10_000];

    // strict moves one record per key per round trip: a few hundred records per key keep its rounds short.
    private const int StrictRecordsPerKey = 500;

    public static IReadOnlyList<BenchTarget> All(BenchEnvironment environment, int keyedMessages, bool tracing = false)
    {
        var messages = environment.Workload.Messages;
        var rows = new List<BenchTarget>
        {
            new("raw", "Confluent Produce(topic, message, handler) + Flush", messages, topic => new RawProducerRun(environment, topic)),
            new("raw-window", $"raw with at most {ProducerActorRun.Window:N0} records unanswered (the window the flow and the actor run with)", messages,
                topic => new RawProducerRun(environment, topic, ProducerActorRun.Window)),
            new("flow", "KafkaProducerFlow: Source(envelopes) -> flow -> counting sink", messages, topic => new ProducerFlowRun(environment, topic),
                Bar: new BenchBar(0.9, MaxCpuRatio: 1.25, MaxBytesRatio: 1.3)),
            new("actor", $"KafkaProducerActor: Produce -> reply, {ProducerActorRun.Window:N0} unanswered at most, no keys", messages,
                topic => ProducerActorRun.Prepare(environment, topic), Bar: new BenchBar(0.85, MaxCpuRatio: 1.4)),
            new("tell-reply", $"the actor row's driver and messages to an actor that answers each Produce at once (no stream, no Kafka): " +
                "the Akka messaging the actor pays on top of the flow", messages, topic => new TellReplyRun(environment, topic)),
        };
        rows.AddRange(TransactionSizes.Select(size => new BenchTarget($"tx-{size}", $"TransactionalProducerFlow: transactions of {size:N0} records, commit each",
            messages, topic => new TransactionalFlowRun(environment, topic, size), Baseline: "actor")));
        if (tracing) rows.AddRange(TracedRows(environment, messages));
        if (keyedMessages == 0) return rows;
        foreach (var keys in KeyCounts)
        {
            var off = Keyed(environment, keyedMessages, keys, KeyOrderMode.Off, null, null);
            rows.Add(off);
            rows.Add(Keyed(environment, keyedMessages, keys, KeyOrderMode.On, off.Name, new BenchBar(0.8)));
            rows.Add(Keyed(environment, Math.Min(keyedMessages, StrictRecordsPerKey * keys), keys, KeyOrderMode.Strict, off.Name, null));
        }
        return rows;
    }

    /// <summary>
    /// The rows named in <paramref name="names"/> (all when empty), each with the rows its ratios are to, in their usual order:
    /// a paired comparison of two builds needs the rows it is about, not the two minutes of the transactional ones.
    /// </summary>
    public static IReadOnlyList<BenchTarget> Only(IReadOnlyList<BenchTarget> rows, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0) return rows;
        var byName = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        if (names.FirstOrDefault(n => !byName.ContainsKey(n)) is { } unknown)
            throw new CliFailure($"--rows: no row '{unknown}'; the rows are {string.Join(", ", rows.Select(r => r.Name))}", ExitCodes.Usage);
        var kept = new HashSet<string>(StringComparer.Ordinal) { rows[0].Name };
        foreach (var name in names)
        {
            var row = byName[name];
            while (kept.Add(row.Name) && row.Baseline is { } baseline) row = byName[baseline];
        }
        return rows.Where(r => kept.Contains(r.Name)).ToList();
    }

    private static BenchTarget Keyed(BenchEnvironment environment, int messages, int keys, KeyOrderMode mode, string? baseline, BenchBar? bar)
    {
        var modeName = mode.ToString().ToLowerInvariant();
        return new BenchTarget($"keys-{keys}-{modeName}", $"KafkaProducerActor, {keys:N0} key(s), preserve-key-order = {modeName}", messages,
            topic => KeyedActorRun.Prepare(environment, topic, messages, keys, mode), baseline, bar);
    }

    // The actor row again with a listener on the record spans: every record, and one in a hundred.
    private static IEnumerable<BenchTarget> TracedRows(BenchEnvironment environment, int messages) =>
    [
        new("actor-traced", "the actor row, every record's span recorded (not exported)", messages,
            topic => new TracedRun(ProducerActorRun.Prepare(environment, topic), 1), Baseline: "actor"),
        new("actor-sampled", "the actor row, 1 record span in 100 recorded", messages,
            topic => new TracedRun(ProducerActorRun.Prepare(environment, topic), 100), Baseline: "actor"),
    ];

    /// <summary>Records per transaction of the transactional rows: what each size buys is the README's table.</summary>
    public static readonly int[] TransactionSizes = [100, 1_000, 10_000];
}
