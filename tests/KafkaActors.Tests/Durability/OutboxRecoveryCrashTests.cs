using System.Text;
using KafkaActors.Tests.Cli;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Durability;

/// <summary>Killed while it stops, while it recovers what an earlier kill left, and at a random moment.</summary>
public sealed class OutboxRecoveryCrashTests(ITestOutputHelper output) : OutboxCrashSpec(output)
{
    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_during_a_graceful_shutdown(string database) =>
        Trial(database, "shutdown", async run =>
        {
            Kafka.SetBrokerRtt(1, TimeSpan.FromMilliseconds(500)); // outcomes keep coming for a while after SIGTERM
            await AcceptedAtLeast(run, 800);
            var before = Report(run.Report).Count;
            run.Cli.Terminate();
            await Eventually.AssertAsync(() => Assert.True(Report(run.Report).Count > before || run.Cli.HasExited), ReadBack); // stopping
            // The stop can finish before the kill lands (its last outcomes came in one answer): then the next run has
            // nothing to finish, and every accepted line must be on the topic all the same.
            if (run.Cli.HasExited) Output.WriteLine("the graceful stop finished before the kill: the kill hit nothing this time");
        }, beforeRestart: () => Kafka.SetBrokerRtt(1, TimeSpan.Zero), mayFinishBeforeKill: true);

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_again_while_recovering_what_an_earlier_kill_left(string database) =>
        Trial(database, "recovering", async run => await AcceptedAtLeast(run, 800), killRecovery: true);

    [UnixTheory, MemberData(nameof(Databases))]
    public Task Killed_at_a_random_moment(string database)
    {
        var seed = Environment.TickCount;
        var at = new Random(seed).Next(1, Lines / 2);
        Output.WriteLine($"seed {seed}: kill after {at} accepted line(s)");
        return Trial(database, "random", async run => await AcceptedAtLeast(run, at));
    }
}
