using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;

namespace KafkaActors.Hosting.Tests;

/// <summary>A probe that stands in the ActorRegistry under <typeparamref name="TKey"/>, as the user's actor would.</summary>
public static class RegisteredProbe
{
    public static TestProbe Register<TKey>(ActorSystem system, IActorRegistry registry, string name)
    {
        var probe = new TestProbe(system, new Akka.TestKit.Xunit.XunitAssertions(), name);
        registry.Register<TKey>(probe.Ref);
        return probe;
    }
}
