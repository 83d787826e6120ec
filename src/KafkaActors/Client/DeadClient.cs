namespace KafkaActors;

/// <summary>
/// A client that died (a fatal error) and was replaced: disposed on a thread of its own, not the pool's. Clients die
/// rarely and disposing one can take a while; a dispose queued to the pool was not done after 30 s in one CI run on 2
/// cores (2026-12-02, most likely behind blocked pool threads), the dead client's threads and sockets kept alive meanwhile.
/// </summary>
internal static class DeadClient
{
    public static void DisposeAside(IDisposable client) =>
        new Thread(() =>
        {
            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // Nothing is left to lose with a dead client, and an exception escaping a thread ends the process
                // (the pool's task kept it unobserved).
            }
        }) { IsBackground = true, Name = "kafka-actors-dispose" }.Start();
}
