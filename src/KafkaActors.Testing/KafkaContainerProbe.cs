namespace KafkaActors.Testing;

/// <summary>What an <see cref="IKafkaContainerRuntime"/> found when asked whether it can start a container.</summary>
/// <param name="Available">True when a container can be started now.</param>
/// <param name="Description">What was found or tried, for logs and skip messages (e.g. which Docker endpoint answered).</param>
public sealed record KafkaContainerProbe(bool Available, string Description);
