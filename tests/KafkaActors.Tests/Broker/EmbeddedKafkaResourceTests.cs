using System.Net.Sockets;
using KafkaActors.Testing;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Broker;

/// <summary>Dispose gives back every native thread and handle a cluster took.</summary>
[Collection(RunsAlone.Name)]
public class EmbeddedKafkaResourceTests(ITestOutputHelper output)
{
    private const int Clusters = 50;
    private const int Brokers = 3;
    private const int Tolerance = 4; // the runtime's own threads and handles come and go
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    [LinuxFact]
    public async Task Starting_and_disposing_50_clusters_leaves_no_threads_or_file_descriptors_behind()
    {
        EmbeddedKafka.Start().Dispose(); // loads librdkafka and its once-per-process state
        var threadsBefore = ProcessResources.ThreadCount;
        var descriptorsBefore = ProcessResources.OpenFileDescriptorCount;
        var threadsWhileRunning = 0;

        for (var i = 0; i < Clusters; i++)
        {
            using var kafka = EmbeddedKafka.Start(Brokers);
            kafka.CreateTopic("topic", partitions: 3, replicationFactor: Brokers);
            using var connection = Connect(kafka.BootstrapServers); // a client still connected when the cluster goes
            threadsWhileRunning = Math.Max(threadsWhileRunning, ProcessResources.ThreadCount);
        }

        output.WriteLine($"threads: {threadsBefore} before, {threadsWhileRunning} with one cluster running, {ProcessResources.ThreadCount} after");
        output.WriteLine($"file descriptors: {descriptorsBefore} before, {ProcessResources.OpenFileDescriptorCount} after");
        Assert.True(threadsWhileRunning > threadsBefore, "a running cluster shows up in the thread count");
        await Eventually.AssertAsync(() => Assert.InRange(ProcessResources.ThreadCount, 0, threadsBefore + Tolerance), SettleTimeout);
        await Eventually.AssertAsync(() => Assert.InRange(ProcessResources.OpenFileDescriptorCount, 0, descriptorsBefore + Tolerance), SettleTimeout);
    }

    private static TcpClient Connect(string bootstrapServers)
    {
        var first = bootstrapServers.Split(',')[0];
        var separator = first.LastIndexOf(':');
        return new TcpClient(first[..separator], int.Parse(first[(separator + 1)..]));
    }
}
