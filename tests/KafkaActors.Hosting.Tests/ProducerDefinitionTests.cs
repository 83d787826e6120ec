using Xunit;

namespace KafkaActors.Hosting.Tests;

public class ProducerDefinitionTests
{
    private sealed class Impostor() : KafkaProducerDefinition<Orders, string, string, OrderRequest>("impostor");
    private sealed class Unnameable() : KafkaProducerDefinition<Unnameable, string, string, int>("orders/eu");

    [Fact]
    public void A_definition_that_does_not_name_itself_is_refused_naming_both_types()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Impostor());

        Assert.Contains("Impostor must name itself", error.Message);
        Assert.Contains("not Orders", error.Message);
    }

    [Fact]
    public void A_name_that_cannot_name_an_actor_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new Unnameable());

        Assert.Contains("'orders/eu' cannot name a producer", error.Message);
    }

    [Fact]
    public void A_definition_carries_its_name_and_says_its_types()
    {
        var orders = new Orders();

        Assert.Equal("orders", orders.Name);
        Assert.Equal("Orders(orders: <String, String, OrderRequest>)", orders.ToString());
    }
}
