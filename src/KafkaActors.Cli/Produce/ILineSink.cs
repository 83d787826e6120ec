namespace KafkaActors.Cli.Produce;

/// <summary>Where parsed lines go: the producer actor, or the transactional flow; every record sent comes back as one <see cref="LineResult"/>.</summary>
internal interface ILineSink
{
    void Send(ProducerEnvelope<byte[]?, byte[], InputLine> envelope);

    /// <summary>The input ended or reading was interrupted: no line will follow.</summary>
    void InputEnded();

    /// <summary>Stop now: finish what was sent (the actor's close-timeout, or the last transaction's commit).</summary>
    void Stop();
}
