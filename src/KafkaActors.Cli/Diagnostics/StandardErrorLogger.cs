using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace KafkaActors.Cli.Diagnostics;

/// <summary>
/// Akka's log events on stderr: stdout belongs to the command's result (a table, JSON, the broker's
/// answers), which a log line must never corrupt.
/// </summary>
internal sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Configuration that routes an actor system's logging here.</summary>
    public const string Hocon = """
        akka {
          loglevel = WARNING
          stdout-loglevel = OFF
          loggers = ["KafkaActors.Cli.Diagnostics.StandardErrorLogger, kafka-actors"]
        }
        """;

    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
