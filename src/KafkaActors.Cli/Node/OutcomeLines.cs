using System.Globalization;
using KafkaActors.Cli.Pipeline;
using KafkaActors.Cluster;

namespace KafkaActors.Cli.Node;

/// <summary>
/// What <c>kafka-actors node</c> prints about the records it submits: with <c>--print-outcomes</c> one
/// line per record as its reply comes, always a <c>done</c> line at the end. Lines are space-separated
/// words so a script (or a test) can split them:
/// <c>outcome SEQ delivered KEY PARTITION OFFSET RECORD-ID</c>,
/// <c>outcome SEQ dead-lettered KEY CAUSE RECORD-ID</c>,
/// <c>done ANSWERED DELIVERED DEAD-LETTERED ELAPSED-MS RESUBMISSIONS DUPLICATE-RESULTS ORDER-AT-RISK ALLOCATED-BYTES</c>
/// (resubmissions, duplicates and order at risk from the front door's <see cref="SubmitterStats"/>; the bytes this
/// process allocated, all threads, while the records ran). A key of <c>-</c> means no key.
/// </summary>
internal sealed class OutcomeLines(TextWriter output, bool perRecord) : IOutcomeSink<string, string>
{
    private long _delivered;
    private long _deadLettered;

    public long AnsweredCount => Interlocked.Read(ref _delivered) + Interlocked.Read(ref _deadLettered);

    public void Sent(int id)
    {
    }

    public void Answered(IProduceReply<string, string, int> reply)
    {
        Interlocked.Increment(ref reply is Produced<string, string, int> ? ref _delivered : ref _deadLettered);
        if (!perRecord) return; // the line costs more than the rest of the record's trip through a one-node cluster
        var line = reply switch
        {
            Produced<string, string, int> d => Line(d.Envelope, "delivered", $"{d.Partition.Value} {d.Offset.Value}"),
            DeadLettered<string, string, int> dl => Line(dl.Envelope, "dead-lettered", dl.Cause.ToString()),
            _ => null,
        };
        if (line is not null) output.WriteLine(line);
    }

    public void Rejection()
    {
    }

    public void Done(TimeSpan elapsed, SubmitterStats stats, long allocatedBytes) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"done {AnsweredCount} {Interlocked.Read(ref _delivered)} {Interlocked.Read(ref _deadLettered)} {(long)elapsed.TotalMilliseconds} " +
        $"{stats.Resubmissions} {stats.DuplicateResults} {stats.OrderAtRisk} {allocatedBytes}"));

    private static string Line(ProducerEnvelope<string, string, int> envelope, string outcome, string details)
    {
        var id = RecordIdHeader.TryGet(envelope.Message.Headers, out var recordId) ? recordId.ToString("N") : "-";
        return string.Create(CultureInfo.InvariantCulture, $"outcome {envelope.Context} {outcome} {envelope.Message.Key ?? "-"} {details} {id}");
    }
}
