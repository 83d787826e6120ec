using System.Text.Json;
using Akka.Configuration;
using KafkaActors.Cli.Diagnostics;
using Config = Akka.Configuration.Config;

namespace KafkaActors.Cli.Produce;

/// <summary>
/// The actor system configuration for <c>produce</c>: the <c>--config</c> file, read strictly, with
/// <c>bootstrap.servers</c> from <c>-b</c> first, then from the file, then from KAFKA_BOOTSTRAP_SERVERS.
/// </summary>
internal static class ProduceConfiguration
{
    private const string BootstrapPath = "kafka-actors.producer.kafka-clients.bootstrap.servers";
    private const string EnvironmentVariable = "KAFKA_BOOTSTRAP_SERVERS";

    public static Config Load(FileInfo? file, string? bootstrapServers, Func<string, string?> environment)
    {
        var fromFile = file is null ? Config.Empty : KafkaActorsConfig.ParseFile(file.ToString());
        var servers = Given(bootstrapServers)
                      ?? Given(fromFile.IsEmpty ? null : ProducerPipelineSettings<byte[], byte[]>.Create(fromFile.WithFallback(KafkaActorsConfig.Reference).GetConfig(ProducerPipelineSettings<byte[], byte[]>.ConfigPath)).BootstrapServers)
                      ?? Given(environment(EnvironmentVariable))
                      ?? throw new CliFailure($"say where Kafka is: --bootstrap-servers host:port, {BootstrapPath} in the --config file, or {EnvironmentVariable}");
        // A JSON string is a HOCON string: quotes and backslashes in the value stay the value.
        var bootstrap = ConfigurationFactory.ParseString($"{BootstrapPath} = {JsonSerializer.Serialize(servers)}");
        var logging = ConfigurationFactory.ParseString(StandardErrorLogger.Hocon);
        return fromFile.IsEmpty ? bootstrap.WithFallback(logging) : bootstrap.WithFallback(fromFile).WithFallback(logging);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
