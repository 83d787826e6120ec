namespace KafkaActors;

/// <summary>
/// A strict structural check of HOCON before Akka.NET parses it. Akka's parser accepts an unclosed
/// brace, drops everything after a stray '}', reads garbage as keys and gives NullReferenceException
/// for some inputs; this fails instead, naming file, line, column and the key it was in.
/// </summary>
internal sealed class HoconSyntax
{
    private static readonly string[] UnsupportedIncludes = { "required(", "file(", "url(", "classpath(" };

    private readonly List<HoconToken> _tokens;
    private readonly string _source;
    private readonly HoconOutline _outline = new();
    private int _next;

    private HoconSyntax(List<HoconToken> tokens, string source)
    {
        _tokens = tokens;
        _source = source;
    }

    /// <summary>Throws <see cref="KafkaActorsConfigurationException"/> at the first syntax error.</summary>
    public static HoconOutline Check(string text, string source)
    {
        var syntax = new HoconSyntax(HoconTokenizer.Tokenize(text, source), source);
        syntax.Root();
        return syntax._outline;
    }

    private HoconToken Peek => _tokens[_next];

    private HoconToken Take() => _tokens[_next++];

    private void SkipNewlines()
    {
        while (Peek.Kind == HoconTokenKind.Newline) _next++;
    }

    private void SkipNewlinesBeforeBrace()
    {
        var ahead = _next;
        while (_tokens[ahead].Kind == HoconTokenKind.Newline) ahead++;
        if (_tokens[ahead].Kind == HoconTokenKind.OpenBrace) _next = ahead;
    }

    private void Root()
    {
        SkipNewlines();
        if (Peek.Kind == HoconTokenKind.OpenBrace)
        {
            var open = Take();
            Fields([], open);
            SkipNewlines();
            if (Peek.Kind != HoconTokenKind.End) throw Error(Peek, "", $"unexpected {Peek.Describe()} after the '}}' that closes the whole file");
        }
        else
        {
            Fields([], null);
        }
    }

    // The fields of one object, up to its '}' (open is its '{'), or to the end of the text at the root.
    private void Fields(string[] under, HoconToken? open)
    {
        while (true)
        {
            SkipNewlines();
            var token = Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.End when open is { } o:
                    throw Error(o, Join(under), $"'{{' opened at {At(o)} is never closed");
                case HoconTokenKind.End:
                    return;
                case HoconTokenKind.CloseBrace when open is not null:
                    _next++;
                    return;
                case HoconTokenKind.CloseBrace:
                    throw Error(token, Join(under), "'}' closes nothing (too many '}'?)");
                case HoconTokenKind.Comma:
                    throw Error(token, Join(under), "',' with no field before it");
            }
            var key = token is { Kind: HoconTokenKind.Text, Value: "include" } ? Include(under) : Field(under);

            // A field ends at a newline, a comma, the object's '}' or the end.
            var after = Peek;
            if (after.Kind == HoconTokenKind.Comma) _next++;
            else if (after.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBrace or HoconTokenKind.End))
                throw Error(after, Join(key), $"unexpected {after.Describe()}; a field ends at a newline or ','");
        }
    }

    private string[] Include(string[] under)
    {
        var keyword = Take();
        var target = Peek;
        if (target.Kind == HoconTokenKind.Text && UnsupportedIncludes.Any(u => target.Value.StartsWith(u, StringComparison.Ordinal)))
            throw Error(target, Join(under), $"include {target.Value}...) is not supported by Akka.NET's HOCON parser; write include \"file.conf\" (a missing file fails anyway)");
        if (target.Kind != HoconTokenKind.Quoted) throw Error(keyword, Join(under), "include needs a quoted file name: include \"file.conf\"");
        _next++;
        _outline.Includes.Add((target.Value, under, Location(keyword)));
        return under;
    }

    // Returns the field's full path.
    private string[] Field(string[] under)
    {
        var start = Peek;
        var key = Key(under);
        var path = under.Concat(key).ToArray();
        _outline.Keys.Add((path, Location(start)));
        SkipNewlinesBeforeBrace(); // Akka's own reference files put an object's '{' on the next line
        var token = Take();
        switch (token.Kind)
        {
            case HoconTokenKind.OpenBrace:
                Fields(path, token);
                return path;
            case HoconTokenKind.Separator:
                Value(path, token, start.Offset);
                return path;
            case HoconTokenKind.Append:
                throw Error(token, Join(path), "'+=' is not supported by Akka.NET's HOCON parser; write the whole array");
            default:
                throw Error(token, Join(path), $"expected '=', ':' or '{{' after the key, found {token.Describe()}");
        }
    }

    // A key: unquoted text split at dots, quoted parts kept whole ("linger.ms" is one segment).
    private string[] Key(string[] under)
    {
        var segments = new List<string>();
        var current = "";
        var any = false;
        while (Peek.Kind is HoconTokenKind.Text or HoconTokenKind.Quoted)
        {
            var token = Take();
            if (any && token.SpaceBefore) current += " ";
            if (token.Kind == HoconTokenKind.Quoted)
            {
                current += token.Value;
            }
            else
            {
                var parts = token.Value.Split('.');
                current += parts[0];
                foreach (var part in parts.Skip(1))
                {
                    segments.Add(current);
                    current = part;
                }
            }
            any = true;
        }
        if (!any) throw Error(Peek, Join(under), $"expected a key, found {Peek.Describe()}");
        segments.Add(current);
        if (segments.Any(s => s.Length == 0)) throw Error(_tokens[_next - 1], Join(under), $"key '{string.Join('.', segments)}' has an empty part (two dots, or a dot at an end)");
        return segments.ToArray();
    }

    // A value: text, quoted strings and substitutions may be joined on one line; objects and arrays
    // with each other. What Akka.NET 1.5 misreads is refused: an object or array joined with text or
    // a substitution (it drops one side), and ${?path} of a configuration path (it yields the whole
    // root). ${?NAME} of an environment variable is fine: it is resolved before Akka sees it.
    private void Value(string[] path, HoconToken separator, int? fieldStart)
    {
        bool text = false, structure = false, substitution = false, any = false;
        var references = new List<HoconReference>();
        while (true)
        {
            var token = Peek;
            switch (token.Kind)
            {
                case HoconTokenKind.Text or HoconTokenKind.Quoted:
                    text = true;
                    _next++;
                    break;
                case HoconTokenKind.Substitution:
                    var name = token.Value.TrimStart('?').Trim();
                    if (token.Value.StartsWith('?') && !EnvironmentSubstitution.IsVariableName(name))
                        throw Error(token, Join(path), $"${{?{name}}}: Akka.NET resolves an optional reference to a configuration path to the whole configuration; write ${{{name}}}");
                    references.Add(new HoconReference(name, token.Value.StartsWith('?'), Location(token), token.Offset, token.Length, null));
                    substitution = true;
                    _next++;
                    break;
                case HoconTokenKind.OpenBrace:
                    structure = true;
                    Fields(path, Take());
                    break;
                case HoconTokenKind.OpenBracket:
                    structure = true;
                    Array(path, Take());
                    break;
                default:
                    if (!any) throw Error(token, Join(path), $"no value after '{separator.Value}' (found {token.Describe()})");
                    var whole = references.Count == 1 && !text && !structure;
                    _outline.Substitutions.AddRange(whole ? [references[0] with { FieldStart = fieldStart }] : references);
                    return;
            }
            if (structure && (text || substitution))
                throw Error(token, Join(path), "an object or array cannot be joined with text or a ${reference} in one value (Akka.NET drops one of them)");
            any = true;
        }
    }

    private void Array(string[] path, HoconToken open)
    {
        while (true)
        {
            SkipNewlines();
            var token = Peek;
            if (token.Kind == HoconTokenKind.CloseBracket) { _next++; return; }
            if (token.Kind == HoconTokenKind.End) throw Error(open, Join(path), $"'[' opened at {At(open)} is never closed");
            if (token.Kind is HoconTokenKind.Comma or HoconTokenKind.CloseBrace or HoconTokenKind.Separator)
                throw Error(token, Join(path), $"expected an array element or ']', found {token.Describe()}");
            Value(path, open, fieldStart: null);
            if (Peek.Kind == HoconTokenKind.Comma) _next++;
            else if (Peek.Kind is not (HoconTokenKind.Newline or HoconTokenKind.CloseBracket or HoconTokenKind.End))
                throw Error(Peek, Join(path), $"unexpected {Peek.Describe()} in an array; elements are separated by ',' or newlines");
        }
    }

    private ConfigLocation Location(HoconToken token) => new(_source, token.Line, token.Column);

    private static string At(HoconToken token) => $"{token.Line}:{token.Column}";

    private static string Join(IEnumerable<string> path) => string.Join('.', path);

    private KafkaActorsConfigurationException Error(HoconToken at, string key, string problem) => new(key, problem, Location(at));
}
