using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace KafkaActors.Cli.Demo;

/// <summary>
/// The demo's log, kept instead of printed: a log line on the terminal would tear the live display apart, and
/// most lines are the clients noticing the demo's own planned faults. Lines alike are counted together and
/// each is tagged with the fault that was under way when it came, so the summary can say which were expected.
/// </summary>
internal sealed partial class DemoEvents : IExtension
{
    private const int MaxDistinct = 50;
    private readonly object _gate = new();
    private readonly Dictionary<string, DemoEvent> _events = new();
    private readonly List<DemoEvent> _order = new();
    private string? _fault;

    /// <summary>Configuration that sends an actor system's log events here.</summary>
    public const string Hocon = """
        akka {
          loglevel = WARNING
          stdout-loglevel = OFF
          loggers = ["KafkaActors.Cli.Demo.DemoEvents+Logger, kafka-actors"]
        }
        """;

    public static DemoEvents For(ActorSystem system) => system.WithExtension<DemoEvents, Provider>();

    /// <summary>A planned fault begins; what is logged from now on is tagged with it (null: none under way).</summary>
    public void FaultUnderWay(string? fault)
    {
        lock (_gate) _fault = fault;
    }

    public IReadOnlyList<DemoEvent> Snapshot()
    {
        lock (_gate) return _order.Select(e => e with { }).ToList();
    }

    private void Record(LogEvent e)
    {
        var text = e.Message?.ToString() ?? "";
        // Ports, ids and durations differ between otherwise identical lines.
        var shape = $"{e.LogLevel()}|{_fault}|{Numbers().Replace(text, "#")}";
        lock (_gate)
        {
            if (_events.TryGetValue(shape, out var seen)) seen.Count++;
            else if (_events.Count < MaxDistinct)
            {
                var added = new DemoEvent(Level(e), text, _fault) { Count = 1 };
                _events[shape] = added;
                _order.Add(added);
            }
        }
    }

    private static string Level(LogEvent e) => e.LogLevel() switch
    {
        LogLevel.ErrorLevel => "error",
        LogLevel.WarningLevel => "warning",
        LogLevel.InfoLevel => "info",
        _ => "debug",
    };

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();

    private sealed class Provider : ExtensionIdProvider<DemoEvents>
    {
        public override DemoEvents CreateExtension(ExtendedActorSystem system) => new();
    }

    /// <summary>The Akka logger (named in <see cref="Hocon"/>) that feeds the system's <see cref="DemoEvents"/>.</summary>
    internal sealed class Logger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
    {
        public Logger()
        {
            var events = For(Context.System);
            Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
            Receive<LogEvent>(events.Record);
        }
    }
}

/// <summary>Log lines alike, how often, and the planned fault under way when the first came (null: none).</summary>
internal sealed record DemoEvent(string Level, string Message, string? DuringFault)
{
    public int Count { get; set; }

    public override string ToString() =>
        $"{Count:N0} x {Level}{(DuringFault is null ? " (no planned fault under way)" : $" during '{DuringFault}' (expected)")}: {Message}";
}
