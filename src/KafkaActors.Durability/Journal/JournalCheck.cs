using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KafkaActors.Durability;

/// <summary>
/// Checked before a durable producer starts, so bad configuration fails at once with one line instead of
/// as a recovery failure later: the SQLite file can be written, the PostgreSQL server answers, and journal
/// tables that exist already have the columns Akka.Persistence.Sql's default mapping writes.
/// </summary>
internal static class JournalCheck
{
    private static readonly (string Table, string[] Columns)[] Schema =
    [
        ("journal", ["ordering", "persistence_id", "sequence_number", "deleted", "message", "manifest"]),
        ("snapshot", ["persistence_id", "sequence_number", "snapshot", "manifest"]),
    ];

    public static void Verify(DurabilitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var connection = Open(settings);
        foreach (var (table, columns) in Schema)
        {
            var present = Columns(connection, settings.Journal, table);
            if (present.Count == 0) continue; // created on first use
            var missing = columns.Where(c => !present.Contains(c)).ToList();
            if (missing.Count > 0)
                throw new KafkaActorsConfigurationException(KeyOf(settings),
                    $"table '{table}' in {Describe(settings)} is not an Akka.Persistence.Sql journal table (missing column(s) {string.Join(", ", missing)}); use another database or drop it");
        }
    }

    private static DbConnection Open(DurabilitySettings settings)
    {
        var key = KeyOf(settings);
        if (settings.Journal == JournalKind.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(settings.SqlitePath)) throw new KafkaActorsConfigurationException(key, "not set; give the journal file's path");
            var directory = Path.GetDirectoryName(Path.GetFullPath(settings.SqlitePath))!;
            if (!Directory.Exists(directory)) throw new KafkaActorsConfigurationException(key, $"directory {directory} does not exist");
            var sqlite = new SqliteConnection(JournalPlugins.Connection(settings).ConnectionString);
            // Opening creates the file; BEGIN IMMEDIATE takes the write lock, so a read-only file or folder fails here.
            // WAL (kept in the file) syncs once per commit instead of journal + database: the same durability, faster.
            return Try(sqlite, key, $"cannot write the journal file {Path.GetFullPath(settings.SqlitePath)}", c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "BEGIN IMMEDIATE; ROLLBACK; PRAGMA journal_mode = WAL;";
                command.ExecuteNonQuery();
            });
        }
        if (string.IsNullOrWhiteSpace(settings.PostgreSqlConnectionString)) throw new KafkaActorsConfigurationException(key, "not set; give an Npgsql connection string");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(settings.PostgreSqlConnectionString) { Timeout = Math.Max(1, (int)Math.Ceiling(settings.ConnectTimeout.TotalSeconds)) };
        }
        catch (ArgumentException e)
        {
            throw new KafkaActorsConfigurationException(key, $"not a valid connection string: {e.Message}", e);
        }
        return Try(new NpgsqlConnection(builder.ConnectionString), key, $"cannot reach PostgreSQL at {builder.Host}:{builder.Port}", _ => { });
    }

    private static DbConnection Try(DbConnection connection, string key, string problem, Action<DbConnection> probe)
    {
        try
        {
            connection.Open();
            probe(connection);
            return connection;
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException or InvalidOperationException)
        {
            connection.Dispose();
            throw new KafkaActorsConfigurationException(key, $"{problem}: {OneLine(e.Message)}", e);
        }
    }

    private static HashSet<string> Columns(DbConnection connection, JournalKind kind, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = kind == JournalKind.Sqlite
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'";
        using var reader = command.ExecuteReader();
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }

    private static string KeyOf(DurabilitySettings settings) =>
        $"{DurabilitySettings.ConfigPath}.{(settings.Journal == JournalKind.Sqlite ? "sqlite-path" : "postgresql-connection-string")}";

    private static string Describe(DurabilitySettings settings) =>
        settings.Journal == JournalKind.Sqlite ? $"journal file {Path.GetFullPath(settings.SqlitePath)}" : "the PostgreSQL database";

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
