using Akka.Event;
using Confluent.Kafka;

namespace KafkaActors;

// How the producer stage stops: its sender thread is stopped, and when it stops with records inside (cancelled,
// or failed) it gives their reports a chance and says loudly what nobody will see.
internal sealed partial class KafkaProducerStage<TKey, TValue, TContext, TIn, TOut>
{
    private sealed partial class Logic
    {
        public override void PostStop()
        {
            var stopped = true;
            try
            {
                stopped = _sender?.Stop(ThreadStopWait) ?? true;
                if (_outstanding > 0) ReportUnemitted();
            }
            finally
            {
                if (!stopped)
                    Log.Warning("The sender thread did not stop within {0} (a client callback hangs?); its producer is left undisposed", ThreadStopWait);
                else if (_stage._sharedProducer is null)
                {
                    // The native producer holds a reference on the producer's native handle: released first.
                    _native?.Dispose();
                    _producer?.Dispose();
                    // No report can be served any more: the records' opaque handles go, and the records with them.
                    foreach (var record in _made) record.Free();
                }
            }
        }

        // Cancelled or failed with records still inside: give their reports a chance to land, then
        // say loudly how many outcomes nobody will see, and where they were going. Never silent.
        private void ReportUnemitted()
        {
            if (_awaiting.Count > 0 && _producer is not null && _settings.FlushTimeout > TimeSpan.Zero)
            {
                try
                {
                    // Served natively, nobody else serves the reports: this thread does, now that the sender has stopped.
                    if (_native is not null) _sender!.ServeAfterStop(_settings.FlushTimeout);
                    else _producer.Flush(_settings.FlushTimeout);
                }
                catch (Exception e)
                {
                    Log.Warning("Flush on stop failed: {0}", e.Message);
                }
            }

            var reportedDuringFlush = new List<InFlightRecord<TKey, TValue, TContext, TIn>>();
            while (_reports.TryTake(out var record))
                if (_awaiting.TryRemove(record)) reportedDuringFlush.Add(record);
            var persisted = reportedDuringFlush.Count(r => r.WasDelivered);

            var unemitted = _ordered
                ? _emitQueue.ToList()
                : _emitQueue.Concat(reportedDuringFlush).Concat(_awaiting.Snapshot()).ToList();
            var byTopic = string.Join(", ", unemitted.GroupBy(r => r.Envelope?.Topic ?? "(several records or a context alone)").Select(g => $"{g.Key}: {g.Count()}"));
            Log.Error("Producer stage stopped with {0} outcome(s) not emitted ({1} reported persisted during the flush, {2} still without a delivery report). Topics: {3}",
                _outstanding, persisted, _awaiting.Count, byTopic);
        }
    }
}
