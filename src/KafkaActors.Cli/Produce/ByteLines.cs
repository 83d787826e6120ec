namespace KafkaActors.Cli.Produce;

/// <summary>
/// Lines of a stream as bytes, read as they arrive (a pipe that is still open yields each line as soon
/// as its newline comes). No decoding at all: a file starting FF FE is two bytes, not UTF-16. A line ends at
/// <c>\n</c>; a <c>\r</c> right before it is dropped; a last line without a newline still counts.
/// </summary>
internal sealed class ByteLines(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>The next line, or null at the end of input. A read blocked on the stream is abandoned on cancellation.</summary>
    public async Task<byte[]?> ReadLineAsync(CancellationToken ct)
    {
        MemoryStream? longLine = null;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Take(longLine, newline - _start, skip: 1);
                return TrimCarriageReturn(line);
            }
            if (_ended)
            {
                if (_start == _end && longLine is null) return null;
                return Take(longLine, _end - _start, skip: 0);
            }
            if (_start > 0 && _end - _start < _buffer.Length / 2)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }
            if (_end == _buffer.Length)
            {
                // A line longer than the buffer collects here; most lines never need it.
                longLine ??= new MemoryStream();
                longLine.Write(_buffer, _start, _end - _start);
                (_start, _end) = (0, 0);
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), CancellationToken.None).AsTask().WaitAsync(ct);
            if (read == 0) _ended = true;
            _end += read;
        }
    }

    private byte[] Take(MemoryStream? longLine, int length, int skip)
    {
        byte[] line;
        if (longLine is null) line = _buffer.AsSpan(_start, length).ToArray();
        else
        {
            longLine.Write(_buffer, _start, length);
            line = longLine.ToArray();
        }
        _start += length + skip;
        return line;
    }

    private static byte[] TrimCarriageReturn(byte[] line) => line is [.., (byte)'\r'] ? line[..^1] : line;
}
