using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>A theory that injects faults into EmbeddedKafka: skipped, with the reason, when the suite runs against another broker.</summary>
public sealed class FaultInjectionTheoryAttribute : TheoryAttribute
{
    public FaultInjectionTheoryAttribute() => Skip = FaultInjection.SkipReason;
}
