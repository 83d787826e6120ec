using Confluent.Kafka;

namespace KafkaActors.Cli.Demo;

/// <summary>
/// The demo's records: keyed by customer, the id in a header. A few are bad input that no retry can fix:
/// far too large (their dead-letter copy is too large as well), or for a partition that does not exist.
/// </summary>
internal sealed class DemoRecords(string topic, int count, int keys, ISet<int> oversize, ISet<int> noSuchPartition, int oversizeBytes)
{
    public const int MissingPartition = 99;

    /// <summary>Header carrying the record's id, so the read-back can account for it.</summary>
    public const string IdHeader = "demo-id";

    public int Count => count;

    public ProducerEnvelope<string, string, int> Envelope(int id)
    {
        var value = oversize.Contains(id) ? new string('x', oversizeBytes) : $"{{\"order\":{id},\"amount\":{id % 997}}}";
        var headers = new Headers { { IdHeader, System.Text.Encoding.UTF8.GetBytes(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) } };
        var partition = noSuchPartition.Contains(id) ? new Partition(MissingPartition) : Partition.Any;
        return ProducerEnvelope.Create(topic, partition, $"customer-{id % keys}", value, id, headers);
    }
}
