using Confluent.Kafka;

namespace KafkaActors.Cli.Bench;

/// <summary>How the raw rows hand a record to Confluent's client, as a careful user of the plain client would.</summary>
internal static class RawProduce
{
    /// <summary>
    /// <c>Produce(topic, message, handler)</c>, waiting while librdkafka's queue is full: Poll() is not allowed next to
    /// Confluent's background poll thread, so that thread gets a moment to serve delivery reports. <paramref name="onQueueFull"/>
    /// hears of every wait.
    /// </summary>
    public static void Send<TKey, TValue>(IProducer<TKey, TValue> producer, string topic, Message<TKey, TValue> message,
        Action<DeliveryReport<TKey, TValue>> handler, Action? onQueueFull = null)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, handler);
                return;
            }
            catch (ProduceException<TKey, TValue> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                onQueueFull?.Invoke();
                Thread.Sleep(1);
            }
        }
    }
}
