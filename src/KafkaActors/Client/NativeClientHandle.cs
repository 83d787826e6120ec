using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// A Confluent.Kafka client's librdkafka handle (<c>rd_kafka_t</c>), for the few native calls Confluent.Kafka does not expose
/// (<see cref="NativeProducer{TKey,TValue}"/>, <see cref="ClientFatalError"/>). Confluent keeps it internal (<c>Handle.LibrdkafkaHandle</c>, a
/// SafeHandle): read by reflection. The pinned version's shape is checked by a test, so an upgrade that moves it fails there; at
/// run time a missing property means <see cref="Available"/> is false and callers do without.
/// </summary>
internal static class NativeClientHandle
{
    private static readonly PropertyInfo? Property =
        typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic);

    static NativeClientHandle()
    {
        // Our P/Invokes must bind to the librdkafka Confluent loaded, not to another copy.
        NativeLibrdkafka.UseFor(typeof(NativeClientHandle).Assembly);
    }

    /// <summary>Whether this Confluent.Kafka exposes the handle the way this class reads it, and its librdkafka was found.</summary>
    public static bool Available { get; } =
        Property?.PropertyType.IsAssignableTo(typeof(SafeHandle)) == true && NativeLibrdkafka.Handle != IntPtr.Zero;

    /// <summary>The client's handle, or null when unavailable or invalid. Add a reference around every native use of it.</summary>
    public static SafeHandle? Of(IClient client) =>
        Available && Property!.GetValue(client.Handle) is SafeHandle { IsInvalid: false } handle ? handle : null;
}
