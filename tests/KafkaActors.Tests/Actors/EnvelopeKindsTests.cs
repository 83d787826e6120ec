using Akka.Actor;
using Confluent.Kafka;
using CsCheck;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Actors;

/// <summary>
/// Several records with one context, and a context alone, through the producer actor: exactly one reply per
/// envelope with its context, each record retried and dead-lettered on its own, contexts alone in order.
/// </summary>
public class EnvelopeKindsTests : ProducerActorSpec
{
    private readonly ITestOutputHelper _output;

    public EnvelopeKindsTests(ITestOutputHelper output) : base(config: "akka.loglevel = WARNING", output: output) => _output = output;

    [FaultInjectionFact]
    public async Task Several_records_get_one_reply_once_every_record_is_terminal_each_retried_or_dead_lettered_on_its_own()
    {
        CreateTopics();
        var notified = new OutcomeLog();
        // No dead-letter topic: only the records' own sends meet the injected errors (a DLT copy would race them for it).
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]).WithDeadLetter(DeadLetterSettings.Create(Sys).WithTopic(null)), notified);
        Kafka.PushProduceErrors(ErrorCode.RequestTimedOut, ErrorCode.RequestTimedOut);
        var multi = Multi(7, ("a", "one"), ("b", new string('x', 2_000_000)), ("c", "three"));

        var reply = await producer.Ask<IProduceReply<string, string, int>>(KafkaActors.Produce.Create(multi), TimeSpan.FromSeconds(30));

        var outcome = Assert.IsType<MultiProduceOutcome<string, string, int>>(reply);
        Assert.Same(multi, outcome.Envelope);
        Assert.Equal(7, outcome.Context);
        Assert.Equal(3, outcome.Parts.Count);
        Assert.Same(multi.Records[0], Assert.IsType<Produced<string, string, int>>(outcome.Parts[0]).Envelope);
        var tooLarge = Assert.IsType<DeadLettered<string, string, int>>(outcome.Parts[1]);
        Assert.Equal((DeadLetterCause.Permanent, ErrorCode.MsgSizeTooLarge), (tooLarge.Cause, tooLarge.LastError!.Code));
        Assert.Same(multi.Records[2], Assert.IsType<Produced<string, string, int>>(outcome.Parts[2]).Envelope);
        Assert.False(outcome.AllProduced);
        Assert.True(outcome.Parts.OfType<Produced<string, string, int>>().Sum(p => p.Attempts) > 2, "the injected errors were retried");
        // The success and dead-letter actors hear of every record, as for single envelopes.
        await notified.WhenTerminal(3).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((2, 1), (notified.Delivered.Count, notified.DeadLettered.Count));
    }

    [FaultInjectionFact]
    public async Task A_context_alone_is_answered_only_after_every_record_accepted_before_it_is_terminal()
    {
        CreateTopics(partitions: 2);
        var replies = new ReplyLog();
        var sender = replies.StartRecorder(Sys);
        var producer = StartProducer(Settings([("linger.ms", "0")]));
        Kafka.SetBrokerRtt(1, TimeSpan.FromMilliseconds(300));

        for (var id = 0; id < 20; id++) producer.Tell(Produce(Envelope(id)), sender);
        producer.Tell(KafkaActors.Produce.Create(ProducerEnvelope.PassThrough<string, string, int>(100)), sender);
        for (var id = 20; id < 25; id++) producer.Tell(Produce(Envelope(id)), sender);
        await replies.WhenCount(26).WaitAsync(TimeSpan.FromSeconds(30));

        var at = replies.PositionByContext();
        Assert.IsType<PassedThrough<string, string, int>>(replies.Replies[at[100]]);
        Assert.All(Enumerable.Range(0, 20), id => Assert.True(at[id] < at[100], $"record {id} answered at {at[id]}, after the context alone at {at[100]}"));
    }

    [Fact]
    public async Task A_context_alone_with_nothing_outstanding_and_an_empty_multi_are_answered_at_once()
    {
        var producer = StartProducer(Settings());

        var passed = await producer.Ask<IProduceReply<string, string, int>>(KafkaActors.Produce.Create(ProducerEnvelope.PassThrough<string, string, int>(1)), TimeSpan.FromSeconds(5));
        var empty = await producer.Ask<IProduceReply<string, string, int>>(KafkaActors.Produce.Create(ProducerEnvelope.Multi<string, string, int>(2)), TimeSpan.FromSeconds(5));

        Assert.Equal(1, Assert.IsType<PassedThrough<string, string, int>>(passed).Context);
        Assert.Empty(Assert.IsType<MultiProduceOutcome<string, string, int>>(empty).Parts);
    }

    [Fact]
    public async Task Several_records_that_do_not_fit_in_intake_are_rejected_whole()
    {
        CreateTopics();
        var notified = new OutcomeLog();
        var producer = StartProducer(Settings().WithIntakeBufferSize(3), notified);

        var reply = await producer.Ask<IProduceReply<string, string, int>>(
            KafkaActors.Produce.Create(Multi(1, ("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"))), TimeSpan.FromSeconds(5));

        Assert.Contains("not 4", Assert.IsType<ProduceRejected<string, string, int>>(reply).Reason);
        await StopGracefully(producer);
        Assert.Equal(0, notified.TerminalCount);
    }

    [FaultInjectionFact]
    public async Task Stopping_mid_stream_answers_every_envelope_of_every_kind_once()
    {
        CreateTopics(partitions: 2);
        var replies = new ReplyLog();
        var sender = replies.StartRecorder(Sys);
        var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "0")]).WithCloseTimeout(TimeSpan.FromMilliseconds(300)));
        Kafka.SetBrokerDown(1);

        for (var id = 0; id < 60; id++) producer.Tell(KafkaActors.Produce.Create(Mixed(id)), sender);
        await StopGracefully(producer);
        await replies.WhenCount(60).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 60), replies.PositionByContext().Keys.Order());
        Assert.All(replies.Replies.OfType<MultiProduceOutcome<string, string, int>>(), m => Assert.All(m.Parts, p =>
            Assert.Equal(DeadLetterCause.Shutdown, Assert.IsType<DeadLettered<string, string, int>>(p).Cause)));
    }

    [FaultInjectionFact]
    public async Task Every_kind_of_envelope_gets_exactly_one_reply_over_random_fault_schedules()
    {
        var schedules =
            from envelopes in Gen.Int[20, 300]
            from errors in Gen.OneOfConst([ErrorCode.NoError, ErrorCode.NoError, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas, ErrorCode.MsgSizeTooLarge]).Array[0, 40]
            from oversize in Gen.Int[0, envelopes - 1].Array[0, 3]
            from maxAttempts in Gen.Int[1, 5]
            from ordered in Gen.Bool
            select (envelopes, errors, oversize: oversize.ToHashSet(), maxAttempts, ordered);

        await schedules.SampleAsync(async s =>
        {
            var topic = $"kinds-{Guid.NewGuid():N}";
            CreateTopics(topic, partitions: 3);
            Kafka.ClearProduceErrors();
            var replies = new ReplyLog();
            var notified = new OutcomeLog();
            var sender = replies.StartRecorder(Sys);
            var producer = StartProducer(Settings([.. SurfaceBrokerErrors, ("linger.ms", "2")])
                .WithRetry(r => r.WithMaxAttempts(s.maxAttempts)).WithProducer(p => p.WithOrdered(s.ordered)), notified);
            Kafka.PushProduceErrors(s.errors);

            var sent = Enumerable.Range(0, s.envelopes).Select(id => Mixed(id, topic, s.oversize.Contains(id))).ToList();
            foreach (var envelope in sent) producer.Tell(KafkaActors.Produce.Create(envelope), sender);
            var records = sent.Sum(e => e is MultiEnvelope<string, string, int> m ? m.Records.Count : e is ProducerEnvelope<string, string, int> ? 1 : 0);
            await Task.WhenAll(replies.WhenCount(s.envelopes), notified.WhenTerminal(records)).WaitAsync(TimeSpan.FromSeconds(60));
            await StopGracefully(producer);
            _output.WriteLine($"{s.envelopes} envelopes, {records} records, {s.errors.Length} errors, oversize [{string.Join(",", s.oversize)}]: {Conservation.Summary(notified)}");

            var at = replies.PositionByContext(); // throws on a second reply for one envelope
            Assert.Equal(s.envelopes, at.Count);
            Assert.Equal(records, notified.TerminalCount);
            Assert.DoesNotContain(notified.Duplicates, id => sent[id] is ProducerEnvelope<string, string, int>);
            foreach (var (envelope, id) in sent.Select((e, i) => (e, i)))
            {
                var reply = replies.Replies[at[id]];
                Assert.Same(envelope, reply.Envelope);
                switch (envelope)
                {
                    case MultiEnvelope<string, string, int> multi:
                        var parts = Assert.IsType<MultiProduceOutcome<string, string, int>>(reply).Parts;
                        Assert.Equal(multi.Records.Count, parts.Count);
                        Assert.All(parts.Select((p, i) => (p, i)), x => Assert.Same(multi.Records[x.i], x.p.Envelope));
                        if (s.oversize.Contains(id)) Assert.IsType<DeadLettered<string, string, int>>(parts[0]);
                        break;
                    case PassThroughEnvelope<string, string, int>:
                        Assert.IsType<PassedThrough<string, string, int>>(reply);
                        Assert.All(Enumerable.Range(0, id), earlier => Assert.True(at[earlier] < at[id], $"envelope {earlier} answered after the context alone {id}"));
                        break;
                }
            }
        }, iter: 5, threads: 1);
    }

    private MultiEnvelope<string, string, int> Multi(int context, params (string Key, string Value)[] records) =>
        new(records.Select(r => (Topic, Partition.Any, new Message<string, string> { Key = r.Key, Value = r.Value })), context);

    /// <summary>Envelope <paramref name="id"/>: one record, two or three records (the first too large when asked), or the context alone.</summary>
    private IProducerEnvelope<string, string, int> Mixed(int id, string? topic = null, bool oversize = false)
    {
        topic ??= Topic;
        return (id % 3) switch
        {
            0 => ProducerEnvelope.Create(topic, $"key-{id % 7}", $"value-{id}", id),
            1 => new MultiEnvelope<string, string, int>(Enumerable.Range(0, 2 + id % 2).Select(part =>
                (topic, Partition.Any, new Message<string, string>
                {
                    Key = $"key-{(id + part) % 7}",
                    Value = oversize && part == 0 ? new string('x', 2_000_000) : $"value-{id}.{part}",
                })), id),
            _ => ProducerEnvelope.PassThrough<string, string, int>(id),
        };
    }
}
