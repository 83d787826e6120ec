using System.Text;
using Confluent.Kafka;
using Xunit;

namespace KafkaActors.Tests.Messages;

/// <summary>Record ids: a random per-process prefix and a counter in a version-4 layout, never given twice.</summary>
public class RecordIdHeaderTests
{
    private static Message<string, string> Record() => new() { Key = "k", Value = "v" };

    [Fact]
    public async Task Every_record_gets_a_distinct_version_4_uuid_in_its_header_also_across_threads()
    {
        // Two threads at once (two front doors, or a front door and a durable producer, in one process).
        var perThread = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 10_000; i++)
            {
                var message = Record();
                var id = RecordIdHeader.Ensure(message);
                Assert.True(RecordIdHeader.TryGet(message.Headers, out var read));
                Assert.Equal(id, read);
                Assert.Equal(4, id.Version);
                ids.Add(id);
            }
            return ids;
        })));

        var seen = new HashSet<Guid>();
        foreach (var id in perThread.SelectMany(ids => ids)) Assert.True(seen.Add(id), $"id {id} given twice");
    }

    [Fact]
    public void A_record_that_carries_an_id_keeps_it()
    {
        var message = Record();
        var id = Guid.NewGuid();
        message.Headers = new Headers { { RecordIdHeader.Name, Encoding.UTF8.GetBytes(id.ToString()) } };

        Assert.Equal(id, RecordIdHeader.Ensure(message));
        Assert.Single(message.Headers, h => h.Key == RecordIdHeader.Name);
    }
}
