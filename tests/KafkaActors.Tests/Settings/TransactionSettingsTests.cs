using KafkaActors.Tests.Support;
using Xunit;

namespace KafkaActors.Tests.Settings;

/// <summary>kafka-actors.transactions: defaults, overrides, and errors that name the key.</summary>
public class TransactionSettingsTests
{
    private static TransactionSettings FromHocon(string hocon) =>
        TransactionSettings.Create(ConfigSections.Section(hocon, TransactionSettings.ConfigPath));

    [Fact]
    public void The_reference_defaults_apply_without_any_user_configuration()
    {
        var settings = FromHocon("");

        Assert.Equal("kafka-actors-orders-0", settings.TransactionalId("orders-0"));
        Assert.Equal(1000, settings.MaxRecords);
        Assert.Equal(1024 * 1024, settings.MaxBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.CommitInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.OperationTimeout);
    }

    [Fact]
    public void Overrides_are_read_with_hocon_sizes_and_durations()
    {
        var settings = FromHocon("""
            kafka-actors.transactions { transactional-id-prefix = "billing-", max-records = 50, max-bytes = 64KiB, commit-interval = 2s, operation-timeout = 5s }
            """);

        Assert.Equal("billing-7", settings.TransactionalId("7"));
        Assert.Equal((50, 65536L, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)),
            (settings.MaxRecords, settings.MaxBytes, settings.CommitInterval, settings.OperationTimeout));
    }

    [Theory]
    [InlineData("max-bytes = lots", "kafka-actors.transactions.max-bytes", "a size in bytes")]
    [InlineData("max-records = 0", "kafka-actors.transactions.max-records", "greater than 0")]
    [InlineData("commit-interval = -1s", "kafka-actors.transactions.commit-interval", "a positive duration")]
    [InlineData("max-record = 5", "kafka-actors.transactions.max-record", "did you mean 'kafka-actors.transactions.max-records'")]
    public void A_bad_value_or_a_misspelt_key_fails_naming_the_key(string line, string key, string why)
    {
        var error = Assert.Throws<KafkaActorsConfigurationException>(() => FromHocon($"kafka-actors.transactions {{ {line} }}"));

        Assert.Contains(key, error.Message);
        Assert.Contains(why, error.Message);
    }
}
