using System.Text;
using Confluent.Kafka;
using KafkaActors.Cluster.Submitting;
using Xunit;

namespace KafkaActors.Cluster.Tests.Submitting;

public class RecordIdsTests
{
    private static Message<string, string> Record() => new() { Key = "k", Value = "v" };

    [Fact]
    public void Every_record_gets_a_distinct_version_4_uuid_in_its_header_also_across_front_doors()
    {
        var (first, second) = (new RecordIds(), new RecordIds());
        var ids = new HashSet<Guid>();

        foreach (var front in new[] { first, second })
            for (var i = 0; i < 10_000; i++)
            {
                var message = Record();
                var id = front.Ensure(message);
                Assert.True(RecordIdHeader.TryGet(message.Headers, out var read));
                Assert.Equal(id, read);
                Assert.Equal(4, id.Version);
                Assert.True(ids.Add(id), $"id {id} given twice");
            }
    }

    [Fact]
    public void A_record_that_carries_an_id_keeps_it()
    {
        var message = Record();
        var id = Guid.NewGuid();
        message.Headers = new Headers { { RecordIdHeader.Name, Encoding.UTF8.GetBytes(id.ToString()) } };

        Assert.Equal(id, new RecordIds().Ensure(message));
        Assert.Single(message.Headers, h => h.Key == RecordIdHeader.Name);
    }
}
