using Confluent.Kafka;

namespace KafkaActors.Tests.Support;

/// <summary>
/// What a Confluent client reported through its error handler, in order. The client writes from its
/// own thread; tests read a snapshot or wait for a matching error without polling.
/// </summary>
public sealed class ClientErrorLog
{
    private readonly object _gate = new();
    private readonly List<Error> _errors = new();
    private readonly List<(Func<Error, bool> Match, TaskCompletionSource<Error> Found)> _waiters = new();

    /// <summary>Pass to <c>SetErrorHandler((_, e) =&gt; log.Add(e))</c>.</summary>
    public void Add(Error error)
    {
        lock (_gate)
        {
            _errors.Add(error);
            foreach (var waiter in _waiters.Where(w => w.Match(error)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(error);
            }
        }
    }

    public IReadOnlyList<Error> Snapshot()
    {
        lock (_gate) return _errors.ToList();
    }

    /// <summary>The first error (already seen or still to come) that matches; throws TimeoutException naming what was seen.</summary>
    public async Task<Error> WaitForAsync(Func<Error, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<Error> found;
        lock (_gate)
        {
            var seen = _errors.FirstOrDefault(match);
            if (seen is not null) return seen;
            found = new TaskCompletionSource<Error>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching client error within {timeout}. Seen: {this}");
        }
    }

    public Task<Error> WaitForAsync(ErrorCode code, TimeSpan timeout) => WaitForAsync(e => e.Code == code, timeout);

    public override string ToString()
    {
        var errors = Snapshot();
        return errors.Count == 0 ? "(none)" : string.Join(", ", errors.Select(e => $"{e.Code}{(e.IsFatal ? " (fatal)" : "")}"));
    }
}
