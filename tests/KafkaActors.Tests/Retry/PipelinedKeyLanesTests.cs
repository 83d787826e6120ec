using Xunit;
using Record = KafkaActors.Submission<string, string, int>;

namespace KafkaActors.Tests.Retry;

/// <summary>preserve-key-order = on, without a broker: what a key's lane sends, holds and reports.</summary>
public class PipelinedKeyLanesTests
{
    private static readonly TopicStats Stats = new("t");
    private readonly List<int> _sent = new();
    private readonly List<int> _retried = new();
    private readonly List<(int Id, long Later)> _reordered = new();
    private readonly PipelinedKeyLanes<string, string, int> _lanes;

    public PipelinedKeyLanesTests() =>
        _lanes = new(r => _sent.Add(r.Envelope.Context), r => _retried.Add(r.Envelope.Context), (r, later) => _reordered.Add((r.Envelope.Context, later)));

    private static Record Record(string key, int id) => new(ProducerEnvelope.Create("t", key, "v", id), null, Stats, id);

    [Fact]
    public void A_keys_records_go_together_until_one_fails()
    {
        Assert.True(_lanes.TryEnter(Record("k", 1)));
        Assert.True(_lanes.TryEnter(Record("k", 2)));
        Assert.True(_lanes.TryEnter(Record("k", 3)));
        Assert.Equal(0, _lanes.Held);
    }

    [Fact]
    public void After_a_failure_new_records_wait_and_failed_ones_are_resent_in_submission_order()
    {
        var (r1, r2, r3) = (Record("k", 1), Record("k", 2), Record("k", 3));
        foreach (var r in new[] { r1, r2, r3 }) Assert.True(_lanes.TryEnter(r));
        _lanes.Failed(r1);
        var r4 = Record("k", 4);
        Assert.False(_lanes.TryEnter(r4));
        Assert.True(_lanes.TryEnter(Record("other", 5))); // other keys flow on
        _lanes.Failed(r2);
        _lanes.Delivered(r3); // was in flight: lands before r1 and r2, reported when they land

        _lanes.Resend(r2); // its backoff ended first, but r1 goes before it
        Assert.Empty(_retried);
        _lanes.Resend(r1); // both due now: in flight together, in order
        Assert.Equal([1, 2], _retried);
        _lanes.Delivered(r1);
        Assert.Empty(_sent); // r4 waits until every re-sent record has landed
        _lanes.Delivered(r2);

        Assert.Equal([4], _sent);
        Assert.Equal([(1, 3L), (2, 3L)], _reordered);
        Assert.Equal(0, _lanes.Held);
    }

    [Fact]
    public void A_resend_that_fails_again_goes_back_to_the_head_and_one_given_up_on_lets_the_waiting_records_go()
    {
        var (r1, r2, r3) = (Record("k", 1), Record("k", 2), Record("k", 3));
        Assert.True(_lanes.TryEnter(r1));
        Assert.True(_lanes.TryEnter(r2));
        _lanes.Failed(r1);
        _lanes.Failed(r2);
        Assert.False(_lanes.TryEnter(r3));
        _lanes.Resend(r1);
        _lanes.Failed(r1); // again, before r2's backoff is over
        _lanes.Resend(r2); // r1 is failed and not due: r2 waits behind it
        Assert.Equal([1], _retried);
        _lanes.Released(r1); // dead-lettered: r2 may go
        Assert.Equal([1, 2], _retried);
        Assert.Empty(_sent);
        _lanes.Delivered(r2);

        Assert.Equal([3], _sent);
        _lanes.Delivered(r3);
        Assert.Empty(_reordered);
        Assert.Equal(0, _lanes.Lanes);
        Assert.Equal(0, _lanes.Held);
    }

    [Fact]
    public void Null_keys_take_no_lane()
    {
        var keyless = Record(null!, 1);
        Assert.True(_lanes.TryEnter(keyless));
        _lanes.Failed(keyless);
        _lanes.Resend(keyless);
        Assert.Equal([1], _retried);
        Assert.Equal(0, _lanes.Lanes);
    }

    [Fact]
    public void An_idle_lane_waits_for_its_keys_next_record_and_idle_lanes_are_swept_so_the_table_stays_bounded()
    {
        var first = Record("k", 1);
        Assert.True(_lanes.TryEnter(first));
        _lanes.Delivered(first);
        Assert.Equal(0, _lanes.Lanes);
        Assert.Equal(1, _lanes.Kept);

        // Many more keys than the bound, each delivered before the next; and a few held in flight throughout.
        var busy = Enumerable.Range(0, 3).Select(i => Record($"busy-{i}", 1_000_000 + i)).ToList();
        Assert.All(busy, r => Assert.True(_lanes.TryEnter(r)));
        for (var i = 0; i < 3 * PipelinedKeyLanes<string, string, int>.IdleLanesSweptAbove; i++)
        {
            var record = Record($"key-{i}", 10 + i);
            Assert.True(_lanes.TryEnter(record));
            _lanes.Delivered(record);
            Assert.True(_lanes.Kept <= PipelinedKeyLanes<string, string, int>.IdleLanesSweptAbove + 1, $"{_lanes.Kept} lanes kept");
        }
        Assert.Equal(3, _lanes.Lanes);
        foreach (var record in busy) _lanes.Delivered(record);
        Assert.Equal(0, _lanes.Lanes);
        Assert.Empty(_reordered);
    }
}
