using System.Reflection;
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
    // Confluent.Kafka keeps the librdkafka handle internal (Handle.LibrdkafkaHandle, a SafeHandle). The pinned version's shape is
    // checked by a test, so an upgrade that moves it fails there; at run time a missing property means no waker (Available false).
    private static readonly PropertyInfo? NativeHandleProperty =
        typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly SafeHandle _client;
    private IntPtr _mainQueue;

    static PollWaker()
    {
        NativeLibrdkafka.UseFor(typeof(PollWaker).Assembly);
    }

    private PollWaker(SafeHandle client, IntPtr mainQueue)
    {
        _client = client;
        _mainQueue = mainQueue;
    }

    /// <summary>Whether a waker can be made for producers of this Confluent.Kafka: check before building a producer that relies on one.</summary>
    public static bool Available { get; } =
        NativeHandleProperty?.PropertyType.IsAssignableTo(typeof(SafeHandle)) == true && NativeLibrdkafka.Handle != IntPtr.Zero;

    /// <summary>A waker for <paramref name="producer"/>'s Poll, or null when this Confluent.Kafka hides its native handle differently.</summary>
    public static PollWaker? For(IClient producer)
    {
        if (!Available || NativeHandleProperty!.GetValue(producer.Handle) is not SafeHandle { IsInvalid: false } client) return null;
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

    /// <summary>
    /// Whether the producer has raised a fatal error (librdkafka's <c>rd_kafka_fatal_error</c>). librdkafka records it before it
    /// fails the records it dooms, so a delivery report served after it is known to come from a dead producer, even when the
    /// error handler's notice reaches the stage after the report.
    /// </summary>
    public unsafe bool ProducerFailedFatally
    {
        get
        {
            var reason = stackalloc byte[256];
            return rd_kafka_fatal_error(_client.DangerousGetHandle(), reason, 256) != 0;
        }
    }

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

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern unsafe int rd_kafka_fatal_error(IntPtr rk, byte* reason, nuint reasonSize);
}
