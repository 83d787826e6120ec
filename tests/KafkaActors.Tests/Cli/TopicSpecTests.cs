using KafkaActors.Cli.Broker;
using Xunit;

namespace KafkaActors.Tests.Cli;

public class TopicSpecTests
{
    [Theory]
    [InlineData("orders:3", "orders", 3)]
    [InlineData("app.events_v2-x:12", "app.events_v2-x", 12)]
    public void Name_and_partitions_are_read_from_name_colon_partitions(string text, string name, int partitions)
    {
        Assert.True(TopicSpec.TryParse(text, out var spec, out _));
        Assert.Equal(new TopicSpec(name, partitions), spec);
    }

    [Theory]
    [InlineData("orders", "--topic 'orders' is not name:partitions; e.g. --topic orders:3")]
    [InlineData(":3", "'' is not a valid topic name")]
    [InlineData("orders:", "'' is not a partition count for topic 'orders'")]
    [InlineData("orders:-1", "'-1' is not a partition count")]
    [InlineData("a/b:1", "'a/b' is not a valid topic name")]
    public void Malformed_specs_say_what_to_type(string text, string error)
    {
        Assert.False(TopicSpec.TryParse(text, out _, out var message));
        Assert.StartsWith(error, message);
    }
}
