using System.Reflection;
using System.Text;
using Akka.Hosting;
using KafkaActors.Durability;
using KafkaActors.Durability.Hosting;
using KafkaActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>A durable producer registered under a definition: used like any producer, its journal configured as options.</summary>
public class DurableProducerHostingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("durable-hosting-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hosted_durable_producer_journals_the_record_and_answers_ProduceAsync_like_any_producer()
    {
        using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic("payments");
        var journal = Path.Combine(_directory, "payments.db");
        using var host = new HostBuilder().ConfigureServices(services => services.AddAkka("durable-hosting", builder => builder
            .AddHocon($"kafka-actors.producer.kafka-clients.bootstrap.servers = \"{kafka.BootstrapServers}\"", HoconAddMode.Prepend)
            .WithDurableKafkaProducer(new Payments(), durability => durability.SqlitePath = journal))).Build();
        await host.StartAsync(Cancel);
        try
        {
            var payments = host.Services.GetRequiredService<IRequiredActor<Payments>>();

            var reply = await payments.ProduceAsync(ProducerEnvelope.Create<byte[]?, byte[], int>("payments", "p-1"u8.ToArray(), "42"u8.ToArray(), 7), Cancel);

            var produced = Assert.IsType<Produced<byte[]?, byte[], int>>(reply);
            Assert.Equal(7, produced.Envelope.Context);
            Assert.True(RecordIdHeader.TryGet(produced.Envelope.Message.Headers, out _), "a durable record carries its record id");
            Assert.True(new FileInfo(journal).Length > 0, "the journal file was written");
        }
        finally
        {
            await host.StopAsync(Cancel);
        }
    }

    [Fact]
    public async Task A_journal_path_that_cannot_be_written_fails_the_start_naming_the_key()
    {
        var missing = Path.Combine(_directory, "no-such-directory", "payments.db");
        using var host = new HostBuilder().ConfigureServices(services => services.AddAkka("durable-hosting-bad", builder => builder
            .AddHocon("kafka-actors.producer.kafka-clients.bootstrap.servers = \"127.0.0.1:9\"", HoconAddMode.Prepend)
            .WithDurableKafkaProducer(new Payments(), durability => durability.SqlitePath = missing))).Build();

        var error = await Assert.ThrowsAsync<KafkaActorsConfigurationException>(() => host.StartAsync(Cancel));

        Assert.Equal("kafka-actors.durability.sqlite-path", error.Key);
        Assert.DoesNotContain('\n', error.Message);
        await host.StopAsync(Cancel);
    }

    [Fact]
    public void Every_durability_key_of_the_reference_has_its_option_and_vice_versa()
    {
        var keys = KafkaActorsConfig.Reference.GetConfig(DurabilitySettings.ConfigPath).AsEnumerable().Select(kv => kv.Key).Order();
        var options = typeof(DurabilityOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => Kebab(p.Name)).Order();

        Assert.Equal(keys, options);
    }

    [Fact]
    public void Options_render_to_the_keys_the_settings_read()
    {
        var options = new DurabilityOptions
        {
            Journal = "postgresql", SqlitePath = "a.db", PostgresqlConnectionString = "Host=127.0.0.1;Password=\"x\"", PersistenceId = "p",
            MaxBatchSize = 3, MaxOutstanding = 4, SnapshotEvery = 5, ConnectTimeout = TimeSpan.FromSeconds(2),
        };

        var settings = DurabilitySettings.Create(options.ToSection());

        Assert.Equal(("Host=127.0.0.1;Password=\"x\"", "p", 3, 4, 5, TimeSpan.FromSeconds(2)),
            (settings.PostgreSqlConnectionString, settings.PersistenceId, settings.MaxBatchSize, settings.MaxOutstanding, settings.SnapshotEvery, settings.ConnectTimeout));
    }

    private static string Kebab(string pascal)
    {
        var text = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class Payments() : KafkaProducerDefinition<Payments, byte[]?, byte[], int>("payments");
}
