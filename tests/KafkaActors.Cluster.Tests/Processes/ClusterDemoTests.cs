using KafkaActors.Cli;
using KafkaActors.Cli.Demo;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Cluster.Tests.Processes;

public sealed class ClusterDemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_cluster_demo_kills_the_oldest_node_process_and_proves_every_survivors_record_accounted_for()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var console = new CliConsole(TextReader.Null, stdout, stderr, true, true, () => Stream.Null, () => Stream.Null);

        var exit = await ClusterDemo.RunAsync(console, perNode: 1_500, keys: 50, CancellationToken.None);

        output.WriteLine(stderr.ToString());
        output.WriteLine(stdout.ToString());
        Assert.Contains("with SIGKILL", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(2, stdout.ToString().Split('\n').Count(l => l.Contains("1,500 answered once, 1,500 delivered, 1,500 of them on the topic", StringComparison.Ordinal)));
    }
}
