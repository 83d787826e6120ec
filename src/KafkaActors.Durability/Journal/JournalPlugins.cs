using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Configuration;

namespace KafkaActors.Durability;

/// <summary>
/// The Akka.Persistence.Sql journal and snapshot-store plugins for a durable producer's database, named after
/// the database so producers sharing one share its plugins. Injected into the system's configuration as a
/// fallback, so a user who writes the same plugin section keeps theirs. (Akka.Persistence.Sql.Hosting is not
/// served at 1.5.73, so the plugin classes are named here.)
/// </summary>
internal static class JournalPlugins
{
    public static (string JournalId, string SnapshotStoreId) For(ActorSystem system, DurabilitySettings settings)
    {
        var (connectionString, provider) = Connection(settings);
        var name = "kafka-actors-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(provider + "|" + connectionString)))[..12];
        var journalId = $"akka.persistence.journal.{name}";
        var snapshotId = $"akka.persistence.snapshot-store.{name}";
        var quoted = HoconText.Quote(connectionString);
        system.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString($$"""
            {{journalId}} {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = {{quoted}}
              provider-name = "{{provider}}"
              auto-initialize = true
            }
            {{snapshotId}} {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = {{quoted}}
              provider-name = "{{provider}}"
              auto-initialize = true
            }
            """));
        return (journalId, snapshotId);
    }

    /// <summary>The ADO.NET connection string and the linq2db provider name for the settings' database.</summary>
    public static (string ConnectionString, string Provider) Connection(DurabilitySettings settings) => settings.Journal switch
    {
        JournalKind.Sqlite => ($"Data Source={Path.GetFullPath(settings.SqlitePath)}", "SQLite.MS"),
        _ => (settings.PostgreSqlConnectionString, "PostgreSQL.15"),
    };
}
