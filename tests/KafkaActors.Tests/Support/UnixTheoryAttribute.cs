using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>A theory that needs POSIX signals (sent with kill(2)); skipped, with the reason, on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "sends signals with kill(2), which Windows does not have";
    }
}
