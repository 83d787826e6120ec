using Akka.Event;

namespace KafkaActors;

/// <summary>Calls user callbacks so that their exceptions are logged and never break the pipeline.</summary>
internal static class Listeners
{
    public static void Call<TListener, TArg>(ILoggingAdapter log, TListener listener, TArg arg, Action<TListener, TArg> call)
    {
        try
        {
            call(listener, arg);
        }
        catch (Exception e)
        {
            log.Error(e, "{0} threw on {1}; the outcome is unaffected", listener?.GetType().Name, arg);
        }
    }
}
