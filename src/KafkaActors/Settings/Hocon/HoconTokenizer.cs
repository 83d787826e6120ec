using System.Text;

namespace KafkaActors;

/// <summary>
/// Splits HOCON into tokens with line and column, failing on what Akka.NET's lenient parser would
/// silently misread: unterminated strings, characters HOCON forbids unquoted, control characters.
/// </summary>
internal sealed class HoconTokenizer
{
    // HOCON forbids these in unquoted text; '$' and '+' are allowed only as "${" and "+=".
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _source;
    private readonly List<HoconToken> _tokens = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _space;

    private HoconTokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public static List<HoconToken> Tokenize(string text, string source)
    {
        var tokenizer = new HoconTokenizer(text, source);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private int Column => _pos - _lineStart + 1;

    private ConfigLocation Here => new(_source, _line, Column);

    private void Run()
    {
        if (_text.StartsWith('\uFEFF')) _pos = _lineStart = 1;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n') { Add(HoconTokenKind.Newline, "\n", 1); _line++; _lineStart = _pos; continue; }
            if (c is ' ' or '\t' or '\r' or '\u00A0' or '\uFEFF') { _pos++; _space = true; continue; }
            if (c == '#' || Starts("//")) { SkipComment(); continue; }
            if (char.IsControl(c) || c == '\uFFFD')
                throw Error($"character U+{(int)c:X4} is not allowed here (is this a text file?)", Here);
            switch (c)
            {
                case '{': Add(HoconTokenKind.OpenBrace, "{", 1); break;
                case '}': Add(HoconTokenKind.CloseBrace, "}", 1); break;
                case '[': Add(HoconTokenKind.OpenBracket, "[", 1); break;
                case ']': Add(HoconTokenKind.CloseBracket, "]", 1); break;
                case ',': Add(HoconTokenKind.Comma, ",", 1); break;
                case '=' or ':': Add(HoconTokenKind.Separator, c.ToString(), 1); break;
                case '"': ReadQuoted(); break;
                case '$' when Starts("${"): ReadSubstitution(); break;
                case '+' when Starts("+="): Add(HoconTokenKind.Append, "+=", 2); break;
                default: ReadUnquoted(); break;
            }
        }
        _tokens.Add(new HoconToken(HoconTokenKind.End, "", _line, Column, _space, _pos, 0));
    }

    private bool Starts(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private void Add(HoconTokenKind kind, string value, int length)
    {
        _tokens.Add(new HoconToken(kind, value, _line, Column, _space, _pos, length));
        _pos += length;
        _space = false;
    }

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
    }

    private void ReadUnquoted()
    {
        var start = _pos;
        var column = Column;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c) || c == '\uFEFF' || Starts("//") || Starts("+=")) break;
            // '+' inside a number such as 1e+5 is read by Akka as text; keep it.
            if (c == '+' && _pos > start) { _pos++; continue; }
            if (Forbidden.Contains(c) || char.IsControl(c)) break;
            _pos++;
        }
        if (_pos == start)
            throw Error($"'{_text[_pos]}' is not allowed here; put text containing it in double quotes", Here);
        _tokens.Add(new HoconToken(HoconTokenKind.Text, _text[start.._pos], _line, column, _space, start, _pos - start));
        _space = false;
    }

    private void ReadQuoted()
    {
        var opening = Here;
        var start = _pos;
        if (Starts("\"\"\""))
        {
            var end = _text.IndexOf("\"\"\"", _pos + 3, StringComparison.Ordinal);
            if (end < 0) throw Error("this \"\"\" string is never closed", opening);
            var body = _text[(_pos + 3)..end];
            _tokens.Add(new HoconToken(HoconTokenKind.Quoted, body, opening.Line, opening.Column, _space, start, end + 3 - start));
            foreach (var ch in body) if (ch == '\n') _line++;
            _pos = end + 3;
            if (body.Contains('\n')) _lineStart = _text.LastIndexOf('\n', end) + 1;
            _space = false;
            return;
        }
        var value = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n') throw Error("this string is never closed (a \" is missing on this line)", opening);
            var c = _text[_pos++];
            if (c == '"') break;
            if (c == '\\' && _pos < _text.Length) c = _text[_pos++];
            value.Append(c);
        }
        _tokens.Add(new HoconToken(HoconTokenKind.Quoted, value.ToString(), opening.Line, opening.Column, _space, start, _pos - start));
        _space = false;
    }

    private void ReadSubstitution()
    {
        var opening = Here;
        var end = _text.IndexOf('}', _pos);
        var newline = _text.IndexOf('\n', _pos);
        if (end < 0 || (newline >= 0 && newline < end)) throw Error("this ${ is never closed (a } is missing on this line)", opening);
        var path = _text[(_pos + 2)..end];
        if (path.TrimStart('?').Trim().Length == 0) throw Error("${} names no path", opening);
        _tokens.Add(new HoconToken(HoconTokenKind.Substitution, path, opening.Line, opening.Column, _space, _pos, end + 1 - _pos));
        _pos = end + 1;
        _space = false;
    }

    private static KafkaActorsConfigurationException Error(string problem, ConfigLocation at) => new("", problem, at);
}
