using KafkaActors.Durability;
using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>
/// The journal databases the durable tests run on: SQLite always (a file in a scratch folder), PostgreSQL
/// where a server is given in <c>KAFKA_ACTORS_TEST_POSTGRESQL</c> (.ci/run starts one and sets it).
/// </summary>
public static class JournalDatabase
{
    public const string PostgreSqlVariable = "KAFKA_ACTORS_TEST_POSTGRESQL";

    public static string? PostgreSql => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } cs ? cs : null;

    public static string? PostgreSqlSkipReason => PostgreSql is null
        ? $"no PostgreSQL server: set {PostgreSqlVariable} to an Npgsql connection string (.ci/run starts one on 127.0.0.1)"
        : null;

    /// <summary>"sqlite" always, "postgresql" when a server is given.</summary>
    public static TheoryData<string> Available()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgreSql is not null) data.Add("postgresql");
        return data;
    }

    /// <summary>Settings for a journal of its own: a new file, or a new persistence id on the shared server.</summary>
    public static DurabilitySettings Settings(string database, string scratchDirectory) => database switch
    {
        "sqlite" => Reference.WithSqlite(Path.Combine(scratchDirectory, "journal.db")),
        "postgresql" => Reference.WithPostgreSql(PostgreSql!).WithPersistenceId($"test-{Guid.NewGuid():N}"),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database, "sqlite or postgresql"),
    };

    private static DurabilitySettings Reference =>
        DurabilitySettings.Create(KafkaActorsConfig.Reference.GetConfig(DurabilitySettings.ConfigPath));
}
