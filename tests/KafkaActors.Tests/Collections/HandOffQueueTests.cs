using Xunit;

namespace KafkaActors.Tests.Collections;

/// <summary>
/// The queue between the client thread and the stage: one wake-up per batch (plus one every <see cref="HandOffQueue{T}.BatchWakeEvery"/>),
/// and the batch step every <see cref="HandOffQueue{T}.BatchStepEvery"/> items, counted from each batch's start.
/// </summary>
public sealed class HandOffQueueTests
{
    [Fact]
    public void The_step_runs_after_every_BatchStepEvery_th_item_of_a_batch_with_that_item_already_queued()
    {
        var queue = new HandOffQueue<int>(() => { });
        var queuedAtStep = new List<int>();
        var taken = new List<int>();
        queue.StepBatchesWith(() =>
        {
            // What the reader could take by now: the item that made the step is among it.
            while (queue.TryTake(out var item)) taken.Add(item);
            queuedAtStep.Add(taken.Count == 0 ? -1 : taken[^1]);
        });

        var step = HandOffQueue<int>.BatchStepEvery;
        for (var i = 1; i <= 2 * step + step / 2; i++) queue.AddInBatch(i);
        queue.EndBatch();
        Assert.Equal([step, 2 * step], queuedAtStep);

        // A new batch counts from its own start: the half batch before does not bring its step forward.
        for (var i = 1; i < step; i++) queue.AddInBatch(i);
        Assert.Equal(2, queuedAtStep.Count);
        queue.AddInBatch(step);
        Assert.Equal(3, queuedAtStep.Count);
    }

    [Fact]
    public void Items_added_one_by_one_never_run_the_step()
    {
        var steps = 0;
        var queue = new HandOffQueue<int>(() => { });
        queue.StepBatchesWith(() => steps++);
        for (var i = 0; i < 4 * HandOffQueue<int>.BatchStepEvery; i++) queue.Add(i);
        Assert.Equal(0, steps);
    }

    [Fact]
    public void A_batch_wakes_the_reader_at_its_first_item_every_BatchWakeEvery_th_and_at_its_end_once_rearmed()
    {
        var wakeUps = 0;
        HandOffQueue<int>? queue = null;
        queue = new HandOffQueue<int>(() =>
        {
            wakeUps++;
            queue!.TakeAll(_ => { });
        });
        var every = HandOffQueue<int>.BatchWakeEvery;
        for (var i = 1; i <= 2 * every + 1; i++) queue.AddInBatch(i);
        Assert.Equal(3, wakeUps); // the 1st, the 512th, the 1,024th
        queue.EndBatch();
        Assert.Equal(4, wakeUps); // the 1,025th was left queued
        queue.EndBatch();
        Assert.Equal(4, wakeUps); // nothing queued: no wake-up
    }
}
