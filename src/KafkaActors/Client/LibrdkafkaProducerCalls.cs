using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KafkaActors;

/// <summary>
/// The librdkafka calls and structures <see cref="NativeProducer{TKey,TValue}"/> (and <see cref="ClientFatalError"/>) use (rdkafka.h), bound to the librdkafka
/// Confluent.Kafka loaded (<see cref="NativeClientHandle"/> sets the resolver before the first of them is made).
/// </summary>
internal static unsafe class LibrdkafkaProducerCalls
{
    // rd_kafka_vu_t: a type and a 64-byte union.
    [StructLayout(LayoutKind.Explicit, Size = 72)]
    internal struct ValueUnion
    {
        [FieldOffset(0)] private int _type;
        [FieldOffset(8)] private void* _pointer;
        [FieldOffset(8)] private int _int32;
        [FieldOffset(8)] private long _int64;
        [FieldOffset(16)] private nint _size;

        public static ValueUnion Pointer(int type, void* pointer) => new() { _type = type, _pointer = pointer };
        public static ValueUnion Int32(int type, int value) => new() { _type = type, _int32 = value };
        public static ValueUnion Int64(int type, long value) => new() { _type = type, _int64 = value };
        public static ValueUnion Memory(int type, void* pointer, int size) => new() { _type = type, _pointer = pointer, _size = size };
    }

    // rd_kafka_message_t, the fields a delivery report is read from.
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeMessage
    {
        public int Error;
        public IntPtr Topic;
        public int Partition;
        public IntPtr Payload;
        public nuint Length;
        public IntPtr Key;
        public nuint KeyLength;
        public long Offset;
        public IntPtr Opaque;
    }

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_queue_get_main(IntPtr rk);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_queue_yield(IntPtr queue);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_queue_destroy(IntPtr queue);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_queue_poll(IntPtr queue, int timeoutMs);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_produceva(IntPtr rk, ValueUnion* vus, nuint count);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_outq_len(IntPtr rk);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_fatal_error(IntPtr rk, byte* reason, nuint reasonSize);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_headers_new(nuint initialCount);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_headers_destroy(IntPtr headers);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_header_add(IntPtr headers, byte* name, nint nameSize, byte* value, nint valueSize);

    // The small calls made per record and report do not block: no GC transition for them.
    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    internal static extern int rd_kafka_error_code(IntPtr error);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_error_destroy(IntPtr error);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    internal static extern int rd_kafka_event_type(IntPtr ev);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    internal static extern NativeMessage* rd_kafka_event_message_next(IntPtr ev);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern void rd_kafka_event_destroy(IntPtr ev);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    internal static extern long rd_kafka_message_timestamp(NativeMessage* message, int* timestampType);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl), SuppressGCTransition]
    internal static extern int rd_kafka_message_status(NativeMessage* message);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_event_error(IntPtr ev);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern IntPtr rd_kafka_event_error_string(IntPtr ev);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    internal static extern int rd_kafka_event_error_is_fatal(IntPtr ev);
}
