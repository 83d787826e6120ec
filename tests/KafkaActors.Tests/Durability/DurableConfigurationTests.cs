using Akka.Actor;
using KafkaActors.Durability;
using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>Bad durability configuration fails when the producer is created, in one line naming the key and the problem.</summary>
public sealed class DurableConfigurationTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("durable-config-");

    private static DurabilitySettings Reference => DurabilitySettings.Create(KafkaActorsConfig.Reference.GetConfig(DurabilitySettings.ConfigPath));

    [Fact]
    public void A_journal_file_in_a_missing_directory_fails_at_start()
    {
        var error = Fails(Reference.WithSqlite(Path.Combine(_scratch.Path, "nowhere", "journal.db")));
        Assert.Equal($"Invalid configuration at 'kafka-actors.durability.sqlite-path': directory {Path.Combine(_scratch.Path, "nowhere")} does not exist", error);
    }

    [Fact]
    public void A_journal_path_that_cannot_be_written_fails_at_start()
    {
        // A directory where the file should be: not writable as a database even for root.
        var error = Fails(Reference.WithSqlite(_scratch.Path));
        Assert.StartsWith($"Invalid configuration at 'kafka-actors.durability.sqlite-path': cannot write the journal file {_scratch.Path}: ", error);
    }

    [Fact]
    public void A_database_that_does_not_answer_fails_at_start()
    {
        var error = Fails(Reference.WithPostgreSql("Host=127.0.0.1;Port=1;Username=nobody;Database=none").WithConnectTimeout(TimeSpan.FromSeconds(2)));
        Assert.StartsWith("Invalid configuration at 'kafka-actors.durability.postgresql-connection-string': cannot reach PostgreSQL at 127.0.0.1:1: ", error);
    }

    [Fact]
    public void A_journal_table_of_another_shape_fails_at_start()
    {
        var settings = Reference.WithSqlite(Path.Combine(_scratch.Path, "other.db"));
        JournalRows.Execute(settings, "CREATE TABLE journal (id INTEGER PRIMARY KEY, body TEXT)");
        var error = Fails(settings);
        Assert.StartsWith($"Invalid configuration at 'kafka-actors.durability.sqlite-path': table 'journal' in journal file {settings.SqlitePath} is not an Akka.Persistence.Sql journal table (missing column(s) ordering, persistence_id", error);
    }

    [Fact]
    public void An_unknown_journal_kind_is_named()
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() =>
            DurabilitySettings.Create(KafkaActorsConfig.ParseString("kafka-actors.durability.journal = mysql").GetConfig(DurabilitySettings.ConfigPath)));
        Assert.Equal("Invalid configuration at 'kafka-actors.durability.journal': 'mysql' is not a journal; use sqlite or postgresql", error.Message);
    }

    private static string Fails(DurabilitySettings durability)
    {
        var settings = ProducerActorSettings<byte[]?, byte[]>.Create(KafkaActorsConfig.Reference.GetConfig(KafkaActorsConfig.RootPath)).WithBootstrapServers("127.0.0.1:9");
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => DurableProducerActor.Props<int>(settings, durability));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    public void Dispose() => _scratch.Dispose();
}
