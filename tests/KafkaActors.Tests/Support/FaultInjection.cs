using KafkaActors.Testing;
using KafkaActors.Testing.Testcontainers;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Fault-injection tests run only when the suite's broker is the embedded one; against an external
/// broker or a container they are skipped with this reason.
/// </summary>
internal static class FaultInjection
{
    public static string? SkipReason { get; } = Reason(DockerKafkaContainers.Select());

    private static string? Reason(KafkaBrokerSelection selection) => selection.IsEmbedded
        ? null
        : $"Fault injection needs the embedded broker; this run uses the {selection.Kind.ToString().ToLowerInvariant()} broker ({selection.Reason}).";
}
