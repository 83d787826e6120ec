using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Tests that measure the whole process (thread and handle counts, timings under load) join this
/// collection: xunit runs it after the parallel ones, with nothing else running.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
