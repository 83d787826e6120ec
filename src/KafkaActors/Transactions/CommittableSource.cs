using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Akka.Util;
using Confluent.Kafka;

namespace KafkaActors;

/// <summary>
/// The input side of consume-transform-produce: records of a consumer group's topics, each carrying its
/// <see cref="ConsumerOffset"/> for the transactional flow to commit. Nothing is committed here: offsets are
/// committed only inside the output's transaction, so after a crash the group resumes exactly where the last
/// committed transaction left it.
/// </summary>
/// <remarks>
/// Forces <c>enable.auto.commit = false</c> and <c>isolation.level = read_committed</c> (input written by
/// aborted transactions is never processed). On a rebalance the group metadata is taken afresh, so offsets
/// of records from revoked partitions fail their transaction (the coordinator refuses the old generation)
/// and the partition's new owner reads them again. After an aborted transaction, restart the stream (e.g.
/// with <c>RestartSource</c>): a new consumer resumes from the committed offsets.
/// </remarks>
public static class CommittableSource
{
    public static Source<ConsumedRecord<TKey, TValue>, NotUsed> Create<TKey, TValue>(ConsumerConfig config, IReadOnlyCollection<string> topics,
        IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null, int buffer = 1000)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(topics);
        if (string.IsNullOrEmpty(config.GroupId)) throw new ArgumentException("a committable source needs group.id: offsets are committed for a consumer group", nameof(config));
        if (topics.Count == 0) throw new ArgumentException("name at least one topic to consume", nameof(topics));
        return Source.UnfoldResourceAsync<ConsumedRecord<TKey, TValue>, Poller<TKey, TValue>>(
            () => Task.FromResult(new Poller<TKey, TValue>(config, topics, keyDeserializer, valueDeserializer, buffer)),
            poller => poller.NextAsync(),
            poller => poller.StopAsync());
    }

    /// <summary>Consumes on a thread of its own (Confluent's Consume blocks) into a bounded channel the stream reads.</summary>
    private sealed class Poller<TKey, TValue>
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

        private readonly Channel<ConsumedRecord<TKey, TValue>> _channel;
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly IConsumer<TKey, TValue> _consumer;
        private IConsumerGroupMetadata? _group;

        public Poller(ConsumerConfig config, IReadOnlyCollection<string> topics, IDeserializer<TKey>? keys, IDeserializer<TValue>? values, int buffer)
        {
            var forced = new ConsumerConfig(new Dictionary<string, string>(config)) { EnableAutoCommit = false, IsolationLevel = IsolationLevel.ReadCommitted };
            var builder = new ConsumerBuilder<TKey, TValue>(forced)
                .SetPartitionsAssignedHandler((c, _) => _group = c.ConsumerGroupMetadata)
                .SetPartitionsRevokedHandler((_, _) => _group = null)
                .SetErrorHandler((_, _) => { });
            if (keys is not null) builder.SetKeyDeserializer(keys);
            if (values is not null) builder.SetValueDeserializer(values);
            _consumer = builder.Build();
            _channel = Channel.CreateBounded<ConsumedRecord<TKey, TValue>>(new BoundedChannelOptions(buffer) { SingleReader = true, SingleWriter = true });
            _consumer.Subscribe(topics);
            new Thread(Poll) { IsBackground = true, Name = $"kafka-actors-consumer-{config.GroupId}" }.Start();
        }

        public async Task<Option<ConsumedRecord<TKey, TValue>>> NextAsync()
        {
            while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
                if (_channel.Reader.TryRead(out var record)) return record;
            await _channel.Reader.Completion.ConfigureAwait(false); // a consumer failure fails the stream here
            return Option<ConsumedRecord<TKey, TValue>>.None;
        }

        public async Task<Done> StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _stopped.Task.ConfigureAwait(false);
            return Done.Instance;
        }

        private void Poll()
        {
            Exception? failure = null;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var result = _consumer.Consume(PollInterval);
                    if (result is null || result.IsPartitionEOF) continue;
                    var group = _group ??= _consumer.ConsumerGroupMetadata;
                    _channel.Writer.WriteAsync(new ConsumedRecord<TKey, TValue>(result, new ConsumerOffset(result.TopicPartitionOffset, group)), _stop.Token)
                        .AsTask().GetAwaiter().GetResult();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                _channel.Writer.TryComplete(failure);
                try
                {
                    _consumer.Close(); // leaves the group at once, so a restarted consumer need not wait for the session timeout
                }
                finally
                {
                    _consumer.Dispose();
                    _stopped.TrySetResult();
                }
            }
        }
    }
}
