using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KafkaActors.Hosting.Tests;

/// <summary>
/// A definition's record types hold at compile time: user code is compiled with Roslyn against the built
/// assemblies, and a registration or a call with other types must be a compile error.
/// </summary>
public class TypedRegistrationCompileTests
{
    private const string Definitions = """
        using System.Threading;
        using System.Threading.Tasks;
        using Akka.Hosting;
        using KafkaActors;
        using KafkaActors.Hosting;

        public sealed record Order(string Id);
        public sealed class Orders() : KafkaProducerDefinition<Orders, string, string, Order>("orders");
        public sealed class AuditListener : IProducerListener<string, string, int>
        {
            public void OnSuccess(Produced<string, string, int> produced) { }
            public void OnError(DeliveryOutcome<string, string, int>.Failed failed) { }
        }
        public sealed class OrderListener : IProducerListener<string, string, Order>
        {
            public void OnSuccess(Produced<string, string, Order> produced) { }
            public void OnError(DeliveryOutcome<string, string, Order>.Failed failed) { }
        }

        """;

    private static IReadOnlyList<Diagnostic> Compile(string code)
    {
        // Everything this test process can load: the framework and our built assemblies with their dependencies.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("UserCode",
            [CSharpSyntaxTree.ParseText(Definitions + code, new CSharpParseOptions(LanguageVersion.Latest))],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    [Fact]
    public void Registration_and_use_with_the_definitions_types_compile_with_every_type_argument_inferred()
    {
        var errors = Compile("""
            public static class Use
            {
                public static AkkaConfigurationBuilder Register(AkkaConfigurationBuilder builder) =>
                    builder.WithKafkaProducer(new Orders(), p => p.WithListener(new OrderListener()).WithOptions(o => o.BootstrapServers = "b:9092"));

                public static Task<IProduceReply<string, string, Order>> Send(IRequiredActor<Orders> orders, CancellationToken ct) =>
                    orders.ProduceAsync(ProducerEnvelope.Create("orders", "order-1", "{}", new Order("1")), ct);
            }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void Producing_an_envelope_with_another_context_type_does_not_compile()
    {
        var errors = Compile("""
            public static class Use
            {
                public static Task<IProduceReply<string, string, int>> Send(IRequiredActor<Orders> orders) =>
                    orders.ProduceAsync(ProducerEnvelope.Create("orders", "order-1", "{}", 42));
            }
            """);

        var error = Assert.Single(errors);
        Assert.Equal("CS0311", error.Id); // Orders is not a KafkaProducerDefinition<Orders, string, string, int>
        Assert.Contains("KafkaProducerDefinition<Orders, string, string, int>", error.GetMessage());
    }

    [Fact]
    public void Sending_an_envelope_with_another_context_type_to_an_actor_does_not_compile()
    {
        var errors = Compile("""
            public static class Use
            {
                public static void Send(IRequiredActor<Orders> orders, Akka.Actor.IActorRef replyTo) =>
                    orders.Produce(ProducerEnvelope.Create("orders", "order-1", "{}", "not an Order"), replyTo);
            }
            """);

        Assert.Equal("CS0311", Assert.Single(errors).Id);
    }

    [Fact]
    public void Registering_a_listener_of_other_record_types_does_not_compile()
    {
        var errors = Compile("""
            public static class Use
            {
                public static AkkaConfigurationBuilder Register(AkkaConfigurationBuilder builder) =>
                    builder.WithKafkaProducer(new Orders(), p => p.WithListener(new AuditListener()));
            }
            """);

        Assert.Contains(errors, e => e.Id == "CS1503" && e.GetMessage().Contains("IProducerListener<string, string, Order>"));
    }

    [Fact]
    public void Naming_other_types_at_registration_does_not_compile()
    {
        var errors = Compile("""
            public static class Use
            {
                public static AkkaConfigurationBuilder Register(AkkaConfigurationBuilder builder) =>
                    builder.WithKafkaProducer<Orders, string, string, string>(new Orders());
            }
            """);

        Assert.Contains(errors, e => e.Id is "CS0311" or "CS1503");
    }
}
