using Confluent.Kafka;
using KafkaActors.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KafkaActors.Tests.Broker;

/// <summary>
/// Every broker unreachable, then back: rows 5 and 6 of the fault table in EMBEDDED_BROKER.md.
/// </summary>
public class BrokerOutageTests(ITestOutputHelper output)
{
    private const int MessageTimeoutMs = 2000;
    private static readonly TimeSpan ErrorWait = TimeSpan.FromSeconds(10);

    [FaultInjectionFact]
    public async Task With_all_brokers_down_a_record_times_out_and_the_error_handler_reports_the_outage()
    {
        using var stage = await ConnectedStageAsync();

        stage.SetAllBrokersDown();
        var delivery = await stage.SendAsync();

        Assert.Equal(ErrorCode.Local_MsgTimedOut, delivery.Error.Code);
        Assert.Equal(PersistenceStatus.NotPersisted, delivery.Report.Status); // never sent
        Assert.InRange(delivery.Elapsed, TimeSpan.FromMilliseconds(MessageTimeoutMs - 100), TimeSpan.FromSeconds(10));
        await stage.Errors.WaitForAsync(ErrorCode.Local_AllBrokersDown, ErrorWait);
        await stage.Errors.WaitForAsync(ErrorCode.Local_Transport, ErrorWait);
        output.WriteLine($"error handler saw: {stage.Errors}");
    }

    [FaultInjectionFact]
    public async Task After_the_brokers_come_back_up_the_same_producer_delivers_again()
    {
        using var stage = await ConnectedStageAsync();
        stage.SetAllBrokersDown();
        Assert.Equal(ErrorCode.Local_MsgTimedOut, (await stage.SendAsync()).Error.Code);

        stage.SetAllBrokersUp();
        var delivery = await stage.SendAsync();

        Assert.False(delivery.Error.IsError, delivery.ToString());
        Assert.Equal(PersistenceStatus.Persisted, delivery.Report.Status);
    }

    // A producer that has delivered once: it knows the cluster and holds connections when the outage starts.
    private async Task<ProducerOnEmbeddedKafka> ConnectedStageAsync()
    {
        var stage = ProducerOnEmbeddedKafka.Start(output, c => c.MessageTimeoutMs = MessageTimeoutMs);
        var first = await stage.SendAsync();
        Assert.False(first.Error.IsError, first.ToString());
        return stage;
    }
}
