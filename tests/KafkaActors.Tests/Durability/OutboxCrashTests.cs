using System.Text;
using KafkaActors.Tests.Cli;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Durability;

/// <summary>Killed while it runs: at the first acceptance, mid-batch, during a broker outage.</summary>
public sealed class OutboxCrashTests(ITestOutputHelper output) : OutboxCrashSpec(output)
{
    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_right_after_the_first_acceptance(string database) =>
        Trial(database, "first", async run =>
        {
            await run.Cli.WriteInputAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 50).Select(i => $"k{i % 10}:line-{i}\n"))));
            await AcceptedAtLeast(run, 1); // the rest of the input is never written
        }, fromStandardInput: true);

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_mid_batch_while_lines_are_accepted_and_delivered(string database) =>
        Trial(database, "mid-batch", async run => await AcceptedAtLeast(run, 1_200));

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_during_a_broker_outage(string database) =>
        Trial(database, "outage", async run =>
        {
            await AcceptedAtLeast(run, 300);
            Kafka.SetBrokerDown(1); // accepted from here on cannot be delivered before the kill
            await AcceptedAtLeast(run, 1_500);
        }, beforeRestart: () => Kafka.SetBrokerUp(1));
}
