using System.Diagnostics;

namespace KafkaActors.Tests.Support;

/// <summary>
/// Akka's AwaitAssert for things that settle on their own schedule (threads exiting, handles closing):
/// retries an assertion until it passes or the timeout expires, then rethrows the last failure.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task AssertAsync(Action assertion, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (clock.Elapsed < timeout)
            {
                await Task.Delay(Interval);
            }
        }
    }
}
