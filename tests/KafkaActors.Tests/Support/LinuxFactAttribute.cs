using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>A fact that reads /proc (threads, file descriptors): skipped, with the reason, where there is none.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!ProcessResources.Observable) Skip = "Needs /proc/self/task and /proc/self/fd (Linux).";
    }
}
