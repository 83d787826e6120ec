namespace KafkaActors.Cli.Broker;

/// <summary>The broker command's reply to one fault command: <c>ok</c> or <c>error: what</c>.</summary>
internal readonly record struct FaultAnswer(bool Ok, string Problem)
{
    public static FaultAnswer Done => new(true, "");

    public static FaultAnswer Rejected(string problem) => new(false, problem);

    public override string ToString() => Ok ? "ok" : $"error: {Problem}";
}
