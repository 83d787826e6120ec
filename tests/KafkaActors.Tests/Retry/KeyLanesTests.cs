using Xunit;

namespace KafkaActors.Tests.Retry;

/// <summary>The per-key lanes behind preserve-key-order = strict, without a broker.</summary>
public class KeyLanesTests
{
    private static readonly TopicStats Stats = new("t");

    private static Submission<TKey, string, int> Record<TKey>(TKey key, int id, string topic = "t") =>
        new(ProducerEnvelope.Create(topic, key, "v", id), null, Stats, id);

    [Fact]
    public void A_taken_key_holds_later_records_and_releases_them_one_at_a_time_in_order()
    {
        var lanes = new KeyLanes<string, string, int>(_ => { }, _ => { });
        var first = Record("k", 1);
        Assert.True(lanes.TryEnter(first));
        Assert.False(lanes.TryEnter(Record("k", 2)));
        Assert.False(lanes.TryEnter(Record("k", 3)));
        Assert.True(lanes.TryEnter(Record("other", 4)));
        Assert.Equal(2, lanes.Held);

        var second = lanes.Leave(first)!;
        Assert.Equal(2, second.Envelope.Context);
        var third = lanes.Leave(second)!;
        Assert.Equal(3, third.Envelope.Context);
        Assert.Null(lanes.Leave(third));
        Assert.Equal(0, lanes.Held);
        Assert.Equal(1, lanes.Taken); // "other" still in flight
    }

    [Fact]
    public void Null_keys_are_never_held()
    {
        var lanes = new KeyLanes<string, string, int>(_ => { }, _ => { });
        Assert.True(lanes.TryEnter(Record<string>(null!, 1)));
        Assert.True(lanes.TryEnter(Record<string>(null!, 2)));
        Assert.Equal(0, lanes.Taken);
    }

    [Fact]
    public void Byte_array_keys_compare_by_content_and_topics_are_separate_lanes()
    {
        var lanes = new KeyLanes<byte[], string, int>(_ => { }, _ => { });
        Assert.True(lanes.TryEnter(Record(new byte[] { 1, 2 }, 1)));
        Assert.False(lanes.TryEnter(Record(new byte[] { 1, 2 }, 2)));
        Assert.True(lanes.TryEnter(Record(new byte[] { 1, 2 }, 3, topic: "u")));
    }
}
