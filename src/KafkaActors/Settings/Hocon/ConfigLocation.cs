namespace KafkaActors;

/// <summary>Where in a configuration text something stands: <c>file:line:column</c> (1-based; line 0: the file as a whole).</summary>
public readonly record struct ConfigLocation(string Source, int Line, int Column)
{
    public override string ToString() => Line <= 0 ? Source : $"{Source}:{Line}:{Column}";
}
