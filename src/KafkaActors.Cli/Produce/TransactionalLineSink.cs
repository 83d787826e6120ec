using System.Threading.Channels;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// Lines through the transactional flow (<c>--transactional-id</c>): every <c>--transaction-records</c> lines
/// make one transaction, the rest one more at the end. Committed or aborted, each line's outcome goes to the report loop.
/// </summary>
internal sealed class TransactionalLineSink : ILineSink
{
    private readonly Channel<IProducerEnvelope<byte[]?, byte[], InputLine>> _lines = Channel.CreateUnbounded<IProducerEnvelope<byte[]?, byte[], InputLine>>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public TransactionalLineSink(ActorSystem system, ProducerActorSettings<byte[]?, byte[]> settings, TransactionSettings transactions,
        string transactionalId, ChannelWriter<LineResult> results)
    {
        // The lines read bound what waits here (the command's window), so this channel needs no bound of its own.
        ChannelSource.FromReader(_lines.Reader)
            .Via(TransactionalProducerFlow.Create<byte[]?, byte[], InputLine>(settings.Producer, transactions, settings.Retry, transactionalId))
            .RunWith(Sink.ForEach<TransactionOutcome<byte[]?, byte[], InputLine>>(o => results.TryWrite(new LineResult.Transacted(o))), system.Materializer())
            .ContinueWith(t => results.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default); // a failed flow ends the report loop with its error
    }

    public void Send(ProducerEnvelope<byte[]?, byte[], InputLine> envelope) => _lines.Writer.TryWrite(envelope);

    // The last, partial transaction is committed once no line can follow.
    public void InputEnded() => _lines.Writer.TryComplete();

    public void Stop() => _lines.Writer.TryComplete();
}
