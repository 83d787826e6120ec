using Xunit;

namespace KafkaActors.Tests.Support;

/// <summary>A fact that needs POSIX signals (sent with kill(2)); skipped, with the reason, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "sends SIGINT with kill(2), which Windows does not have";
    }
}
