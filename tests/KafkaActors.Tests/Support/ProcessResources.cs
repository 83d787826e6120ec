namespace KafkaActors.Tests.Support;

/// <summary>Native resources of this process as Linux's /proc sees them, including threads the runtime does not know about.</summary>
public static class ProcessResources
{
    public static bool Observable => Directory.Exists("/proc/self/task") && Directory.Exists("/proc/self/fd");

    public static int ThreadCount => Directory.GetDirectories("/proc/self/task").Length;

    public static int OpenFileDescriptorCount => Directory.GetFiles("/proc/self/fd").Length;
}
