using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>A fact that injects faults into EmbeddedKafka: skipped, with the reason, when the suite runs against another broker.</summary>
public sealed class FaultInjectionFactAttribute : FactAttribute
{
    public FaultInjectionFactAttribute() => Skip = FaultInjection.SkipReason;
}
