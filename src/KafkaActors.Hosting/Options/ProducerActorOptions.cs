namespace KafkaActors.Hosting;

/// <summary><c>kafka-actors.actor</c> as options; only the values that are set count.</summary>
public sealed class ProducerActorOptions
{
    /// <summary><c>intake-buffer-size</c>.</summary>
    public int? IntakeBufferSize { get; set; }

    /// <summary><c>close-timeout</c>.</summary>
    public TimeSpan? CloseTimeout { get; set; }

    internal void Render(HoconSection into, string section)
    {
        into.Set($"{section}.intake-buffer-size", IntakeBufferSize)
            .Set($"{section}.close-timeout", CloseTimeout);
    }
}
