using Akka.Event;
using LogMessage = Confluent.Kafka.LogMessage;
using SyslogLevel = Confluent.Kafka.SyslogLevel;

namespace KafkaActors;

/// <summary>librdkafka's log lines into Akka's logging, instead of raw lines on the process's stderr.</summary>
internal static class ClientLog
{
    public static void Forward(ILoggingAdapter log, LogMessage message)
    {
        switch (message.Level)
        {
            case SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error:
                log.Error("librdkafka {0}: {1}", message.Facility, message.Message);
                break;
            case SyslogLevel.Warning:
                log.Warning("librdkafka {0}: {1}", message.Facility, message.Message);
                break;
            default:
                log.Debug("librdkafka {0}: {1}", message.Facility, message.Message);
                break;
        }
    }
}
