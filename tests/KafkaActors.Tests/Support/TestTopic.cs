namespace KafkaActors.Tests.Support;

public static class TestTopic
{
    /// <summary>A topic name no other test (or earlier run against the same external broker) uses.</summary>
    public static string NewName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";
}
