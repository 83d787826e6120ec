using System.Runtime.InteropServices;

namespace KafkaActors;

/// <summary>
/// Checks client properties against librdkafka itself (rd_kafka_conf_set on a scratch configuration),
/// so a misspelt key or a bad value fails when settings are made, naming the key, instead of when the
/// first producer is built. No handle, thread or connection is created.
/// </summary>
internal static unsafe class LibrdkafkaConfigValidator
{
    private const int ConfOk = 0;
    private const int ConfUnknown = -2;

    /// <summary>The problem reported for a key librdkafka does not know.</summary>
    public const string UnknownProperty = "unknown librdkafka property";

    static LibrdkafkaConfigValidator()
    {
        NativeLibrdkafka.UseFor(typeof(LibrdkafkaConfigValidator).Assembly);
    }

    /// <summary>The problems found, one per property; empty when librdkafka accepts them all.
    /// Returns null when librdkafka could not be loaded for checking (the producer build still checks).</summary>
    public static IReadOnlyList<(string Key, string Problem)>? Validate(IEnumerable<KeyValuePair<string, string>> properties)
    {
        if (NativeLibrdkafka.Handle == IntPtr.Zero) return null;
        var conf = rd_kafka_conf_new();

        var problems = new List<(string, string)>();
        try
        {
            var err = stackalloc byte[512];
            foreach (var (key, value) in properties)
            {
                // Confluent.Kafka consumes its own "dotnet." properties before librdkafka sees any.
                if (key.StartsWith("dotnet.", StringComparison.Ordinal)) continue;
                var result = rd_kafka_conf_set(conf, key, value, err, 512);
                if (result == ConfOk) continue;
                var reason = Marshal.PtrToStringUTF8((IntPtr)err) ?? "rejected";
                problems.Add((key, result == ConfUnknown ? UnknownProperty : reason));
            }
        }
        finally
        {
            rd_kafka_conf_destroy(conf);
        }
        return problems;
    }

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern void rd_kafka_conf_destroy(IntPtr conf);

    [DllImport(NativeLibrdkafka.LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern int rd_kafka_conf_set(IntPtr conf,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        byte* errstr, UIntPtr errstrSize);
}
