using System.Data.Common;
using KafkaActors.Durability;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KafkaActors.Tests.Durability;

/// <summary>Reads the journal tables directly, as an operator would, to see what the producer left there.</summary>
public static class JournalRows
{
    /// <summary>Journal rows of the settings' persistence id (deleted ones excluded).</summary>
    public static long Count(DurabilitySettings settings)
    {
        using var connection = Open(settings);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id = @id AND deleted = @no";
        Add(command, "@id", settings.PersistenceId);
        Add(command, "@no", false);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Runs SQL on the settings' database (to set up a table of another shape, for instance).</summary>
    public static void Execute(DurabilitySettings settings, string sql)
    {
        using var connection = Open(settings);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DbConnection Open(DurabilitySettings settings)
    {
        DbConnection connection = settings.Journal == JournalKind.Sqlite
            ? new SqliteConnection($"Data Source={settings.SqlitePath};Pooling=False")
            : new NpgsqlConnection(settings.PostgreSqlConnectionString);
        connection.Open();
        return connection;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
