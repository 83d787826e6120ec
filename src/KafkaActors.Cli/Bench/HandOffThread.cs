using System.Collections.Concurrent;

namespace KafkaActors.Cli.Bench;

/// <summary>
/// The plainest hand-off between threads: a queue and one thread that takes from it, asleep on a semaphore when it
/// found the queue empty. The latency bench's <c>raw-handoff</c> row puts two of these around the raw client, so the
/// report shows what hand-offs alone cost on the machine of the day, next to what the flow and the actor add.
/// </summary>
internal sealed class HandOffThread : IDisposable
{
    // How long an idle thread sleeps when no wake-up comes: only what a stop waits at most.
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<int> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Action<int> _take;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _idle;

    public HandOffThread(string name, Action<int> take)
    {
        _take = take;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Any one thread at a time.</summary>
    public void Add(int item)
    {
        _queue.Enqueue(item);
        if (Volatile.Read(ref _idle) == 1 && Interlocked.Exchange(ref _idle, 0) == 1) _wake.Release();
    }

    private void Run()
    {
        while (!_stopping)
        {
            while (_queue.TryDequeue(out var item)) _take(item);
            // A full fence before the last look: an item added after it sees the thread idle and wakes it.
            Interlocked.Exchange(ref _idle, 1);
            if (!_queue.IsEmpty && Interlocked.Exchange(ref _idle, 0) == 1) continue;
            _wake.Wait(IdleWait);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Release();
        _thread.Join();
        _wake.Dispose();
    }
}
