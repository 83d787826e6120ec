using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// Whether a producer has died of a fatal error (librdkafka's <c>rd_kafka_fatal_error</c>). A delivery report's own error need not
/// say fatal when its producer died of it (an idempotent producer's <c>OutOfOrderSequenceNumber</c>, for one), and the error
/// handler's notice, where there is one, travels separately and may come later; librdkafka records the fatal error before it
/// fails the records it dooms, so asking the producer is right for every report served after it. For a producer the caller
/// owns, the flow has no error handler at all: asking is the only way it can know.
/// </summary>
internal static class ClientFatalError
{
    private const int ReasonSize = 256;

    /// <summary>Any thread; false when the native handle is unavailable or the client was disposed.</summary>
    public static unsafe bool IsRaised(IClient client)
    {
        if (NativeClientHandle.Of(client) is not { } handle) return false;
        var added = false;
        try
        {
            // Held for the call: a client disposed meanwhile cannot free the handle under it.
            handle.DangerousAddRef(ref added);
            var reason = stackalloc byte[ReasonSize];
            return LibrdkafkaProducerCalls.rd_kafka_fatal_error(handle.DangerousGetHandle(), reason, ReasonSize) != 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }
}
