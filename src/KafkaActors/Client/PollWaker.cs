using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Wakes a thread blocked in one producer's <c>Poll</c> from another thread (librdkafka's <c>rd_kafka_queue_yield</c> on the
/// producer's main queue, which <c>Poll</c> serves): the one call Confluent.Kafka does not expose that lets a single thread both
/// wait for delivery reports and hand over new records the moment they come. Holds a reference on the producer's native handle
/// and on its main queue until disposed; dispose it before the producer.
/// </summary>
internal sealed class PollWaker : IDisposable
{
    private readonly SafeHandle _client;
    private IntPtr _mainQueue;

    private PollWaker(SafeHandle client, IntPtr mainQueue)
    {
        _client = client;
        _mainQueue = mainQueue;
    }

    /// <summary>Whether a waker can be made for producers of this Confluent.Kafka: check before building a producer that relies on one.</summary>
    public static bool Available => NativeClientHandle.Available;

    /// <summary>A waker for <paramref name="producer"/>'s Poll, or null when this Confluent.Kafka hides its native handle differently.</summary>
    public static PollWaker? For(IClient producer)
    {
        if (NativeClientHandle.Of(producer) is not { } client) return null;
        var added = false;
        client.DangerousAddRef(ref added);
        var mainQueue = rd_kafka_queue_get_main(client.DangerousGetHandle());
        if (mainQueue != IntPtr.Zero) return new PollWaker(client, mainQueue);
        client.DangerousRelease();
        return null;
    }

    /// <summary>
    /// Any thread: the producer's current or next <c>Poll</c> returns now (a yield that finds nobody polling ends the next Poll
    /// early, once).
    /// </summary>
    public void Wake() => rd_kafka_queue_yield(_mainQueue);

    public void Dispose()
    {
        if (_mainQueue == IntPtr.Zero) return;
        rd_kafka_queue_destroy(_mainQueue);
        _mainQueue = IntPtr.Zero;
        _client.DangerousRelease();
    }

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr rd_kafka_queue_get_main(IntPtr rk);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern void rd_kafka_queue_yield(IntPtr queue);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern void rd_kafka_queue_destroy(IntPtr queue);
}
