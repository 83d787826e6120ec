namespace KafkaActors.Cli.Produce;

/// <summary>What became of one input line: the producer actor's reply, or why the line was never sent.</summary>
internal abstract record LineResult(InputLine Line)
{
    /// <summary>The producer actor's terminal reply (Delivered or DeadLettered) or its rejection.</summary>
    public sealed record Replied(IProduceReply<byte[]?, byte[], InputLine> Reply) : LineResult(Reply.Envelope.Context);

    /// <summary>The line's transaction was committed or aborted (<c>--transactional-id</c>).</summary>
    public sealed record Transacted(TransactionOutcome<byte[]?, byte[], InputLine> Outcome) : LineResult(Outcome.Context);

    /// <summary>The line never became a record; <paramref name="Why"/> says what to fix.</summary>
    public sealed record NotSent(InputLine Line, string Why) : LineResult(Line);
}
