using System.Buffers.Text;

namespace KafkaActors.Cli.Produce;

/// <summary>How an input line's key or value text becomes the record's bytes.</summary>
internal enum ValueEncoding
{
    /// <summary>The bytes as they are in the input, whatever they are (the name says what text usually is; nothing is decoded or checked).</summary>
    Utf8,

    /// <summary>Standard base64 (RFC 4648), for binary data.</summary>
    Base64,

    /// <summary>Two hex digits per byte, either case.</summary>
    Hex,
}

internal static class ValueEncodings
{
    public const string Names = "utf8|base64|hex";

    public static bool TryParse(string text, out ValueEncoding encoding)
    {
        (var known, encoding) = text.ToLowerInvariant() switch
        {
            "utf8" or "utf-8" or "raw" => (true, ValueEncoding.Utf8),
            "base64" => (true, ValueEncoding.Base64),
            "hex" => (true, ValueEncoding.Hex),
            _ => (false, ValueEncoding.Utf8),
        };
        return known;
    }

    /// <summary>The bytes the text stands for, or null with <paramref name="error"/> saying why not.</summary>
    public static byte[]? Decode(this ValueEncoding encoding, ReadOnlySpan<byte> text, out string? error)
    {
        error = null;
        switch (encoding)
        {
            case ValueEncoding.Base64:
                var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
                if (Base64.DecodeFromUtf8(text, decoded, out _, out var written) == System.Buffers.OperationStatus.Done)
                    return decoded[..written];
                error = "not valid base64";
                return null;
            case ValueEncoding.Hex:
                try
                {
                    return Convert.FromHexString(System.Text.Encoding.ASCII.GetString(text));
                }
                catch (FormatException)
                {
                    error = text.Length % 2 == 1 ? "not hex: an odd number of digits" : "not hex: a character other than 0-9, a-f";
                    return null;
                }
            default:
                return text.ToArray();
        }
    }
}
