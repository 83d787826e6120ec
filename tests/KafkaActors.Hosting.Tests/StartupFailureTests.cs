using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>Bad configuration fails a real host's start with one line naming the key.</summary>
public class StartupFailureTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Producer:MaxInFlite", "10", "", "KafkaActors:Producers:orders", "MaxInFlite")]
    [InlineData("Actor:CloseTimeout", "soon", "", "KafkaActors:Producers:orders", "Actor:CloseTimeout")]
    [InlineData("BootstrapServers", "b:9092", "kafka-actors.producers.orders.retry.max-attempts = zero", "kafka-actors.retry.max-attempts", "zero")]
    public async Task A_bad_key_or_value_stops_the_application_at_start_naming_it(string key, string value, string hocon, string namedKey, string named)
    {
        var appSettings = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create($"KafkaActors:Producers:orders:{key}", (string?)value)]).Build();
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("startup-failure", builder => builder
                .AddHocon(hocon, HoconAddMode.Prepend)
                .WithKafkaProducer(new Orders(), p => p.FromConfiguration(appSettings.GetSection("KafkaActors:Producers:orders")))))
            .Build();

        var error = await Assert.ThrowsAsync<KafkaActorsConfigurationException>(() => host.StartAsync(Cancel));

        Assert.Equal(namedKey, error.Key);
        Assert.True(error.Message.Contains(named, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain('\n', error.Message); // one line
        await host.StopAsync(Cancel);
    }
}
