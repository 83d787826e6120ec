using System.Diagnostics;

namespace KafkaActors.Cluster.Tests.Support;

/// <summary>Polls a condition until it holds: the timeout is a safety net, never the synchronization.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Not true within {timeout}: {what}");
            await Task.Delay(50);
        }
    }

    public static async Task True(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Not true within {timeout}: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Awaits a task, failing with <paramref name="what"/> when it takes longer than the safety net.</summary>
    public static async Task<T> Within<T>(Task<T> task, TimeSpan timeout, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(timeout)) != task) throw new TimeoutException($"Not done within {timeout}: {what}");
        return await task;
    }
}
