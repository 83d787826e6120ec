using System.Collections.Concurrent;
using System.Threading.Channels;
using Akka.Actor;
using KafkaActors.Durability;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// <c>produce --outbox FILE</c>: lines go through the durable producer, and the report is a journal of events
/// written and flushed as they happen — <c>accepted</c> once a line is in the outbox, then its outcome. A line
/// reported accepted survives a kill: the next run with the same outbox first finishes what is left (its lines
/// are reported with <c>recovered: true</c>). Stopped by a signal, what is not finished is reported <c>pending</c>.
/// </summary>
internal sealed class OutboxRun(IActorRef producer, IActorRef inbox, Channel<OutboxEvent> events,
    LineParser parser, ReportWriter report, ProduceTally tally, int window)
{
    private const string PendingNote = "stopped before its outcome was known; the next run with this --outbox sends it";
    private readonly ConcurrentDictionary<Guid, bool> _ownRecords = new(); // this run's lines in flight, by record id

    /// <summary>Lines of earlier runs finished by this one, and how many of them were not delivered.</summary>
    public (long Finished, long NotDelivered) Recovered { get; private set; }

    public async Task RunAsync(ByteLines input, CancellationToken stop, TimeSpan stopTimeout)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var slots = new SemaphoreSlim(window);
        var reader = Task.Run(() => LineReading.ReadAsync(input, slots, tally, OnLine, reading.Token), CancellationToken.None);
        var askedFinished = false;
        Task? guard = null;
        while (true)
        {
            if (events.Reader.TryRead(out var e))
            {
                if (e.Finished) break; // every earlier reply is handled: the inbox got them first
                if (Handle(e)) slots.Release();
                continue;
            }
            await report.FlushAsync(); // nothing else ready: what happened so far is in the file now
            var ownDone = reader.IsCompleted && tally.Reported == tally.Read;
            if (ownDone && reading.IsCancellationRequested) break; // stopped: what is left stays in the outbox
            if (ownDone && !askedFinished)
            {
                producer.Tell(AwaitFinished.Instance, inbox); // then recovered lines are all that is left to wait for
                askedFinished = true;
            }
            if (reader.IsCompleted && reading.IsCancellationRequested && guard is null)
            {
                producer.Tell(StopProducing.Instance, ActorRefs.NoSender); // records in flight come back; the rest stays journaled
                guard = Task.Delay(stopTimeout + TimeSpan.FromSeconds(30));
            }
            var waits = new List<Task> { events.Reader.WaitToReadAsync().AsTask() };
            if (!reader.IsCompleted) waits.Add(reader);
            if (guard is not null) waits.Add(guard);
            if (await Task.WhenAny(waits) == guard)
                throw new InvalidOperationException($"no outcome for {tally.Read - tally.Reported} line(s) well after close-timeout + flush-timeout ({stopTimeout})");
        }
        await reader;
        await report.FlushAsync();
    }

    private void OnLine(long number, byte[] line)
    {
        if (parser.Parse(number, line, out var notSent) is not { } envelope)
        {
            events.Writer.TryWrite(new OutboxEvent(NotSent: notSent));
            return;
        }
        _ownRecords[RecordIdHeader.Ensure(envelope.Message)] = true;
        producer.Tell(new ProduceWithAcceptance<InputLine>(envelope), inbox);
    }

    // True when the event ends one of this run's lines (its window slot is free again).
    private bool Handle(OutboxEvent e)
    {
        if (e.NotSent is { } notSent)
        {
            tally.Count(notSent);
            report.Write(notSent);
            return true;
        }
        var reply = e.Reply!;
        var line = reply.Envelope.Context;
        var id = reply.Envelope is ProducerEnvelope<byte[]?, byte[], InputLine> single && RecordIdHeader.TryGet(single.Message.Headers, out var recordId)
            ? recordId : Guid.Empty;
        var own = _ownRecords.ContainsKey(id);
        if (reply is Accepted<InputLine>)
        {
            report.WriteEvent(line, "accepted");
            return false;
        }
        if (own) _ownRecords.TryRemove(id, out _);
        if (reply is DeadLettered<byte[]?, byte[], InputLine> { Cause: DeadLetterCause.Shutdown })
        {
            report.WriteEvent(line, "pending", PendingNote, recovered: !own);
            if (own) tally.CountPending();
            return own;
        }
        report.Write(new LineResult.Replied(reply), recovered: !own);
        if (own) tally.Count(new LineResult.Replied(reply));
        else Recovered = (Recovered.Finished + 1, Recovered.NotDelivered + (reply is Produced<byte[]?, byte[], InputLine> ? 0 : 1));
        return own;
    }
}
