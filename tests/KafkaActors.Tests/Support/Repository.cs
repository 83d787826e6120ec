namespace KafkaActors.Tests.Support;

/// <summary>The checkout the tests run from, found by walking up to KafkaActors.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KafkaActors.sln"))) return dir.FullName;
        throw new InvalidOperationException("KafkaActors.sln not found above " + AppContext.BaseDirectory);
    }
}
