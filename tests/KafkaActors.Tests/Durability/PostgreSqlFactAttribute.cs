using Xunit;

namespace KafkaActors.Tests.Durability;

/// <summary>A test that needs a PostgreSQL server; skipped, saying so, where none is given.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() => Skip = JournalDatabase.PostgreSqlSkipReason;
}
