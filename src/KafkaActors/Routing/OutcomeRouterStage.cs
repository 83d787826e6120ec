using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Stage;

namespace KafkaActors;

/// <summary>The pass-through stage behind <see cref="OutcomeRouter"/>.</summary>
internal sealed class OutcomeRouterStage<TKey, TValue, TContext> : GraphStage<FlowShape<DeliveryOutcome<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>>>
{
    private readonly IActorRef? _delivered;
    private readonly IActorRef? _failed;
    private readonly IProducerListener<TKey, TValue, TContext>? _listener;

    public OutcomeRouterStage(IActorRef? delivered, IActorRef? failed, IProducerListener<TKey, TValue, TContext>? listener)
    {
        _delivered = delivered;
        _failed = failed;
        _listener = listener;
        Shape = new(In, Out);
    }

    public Inlet<DeliveryOutcome<TKey, TValue, TContext>> In { get; } = new("OutcomeRouter.in");
    public Outlet<DeliveryOutcome<TKey, TValue, TContext>> Out { get; } = new("OutcomeRouter.out");
    public override FlowShape<DeliveryOutcome<TKey, TValue, TContext>, DeliveryOutcome<TKey, TValue, TContext>> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("OutcomeRouter");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly OutcomeRouterStage<TKey, TValue, TContext> _stage;

        public Logic(OutcomeRouterStage<TKey, TValue, TContext> stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, onPush: OnPush);
            SetHandler(stage.Out, onPull: () => Pull(stage.In));
        }

        private void OnPush()
        {
            var outcome = Grab(_stage.In);
            if (outcome is DeliveryOutcome<TKey, TValue, TContext>.Delivered delivered)
            {
                _stage._delivered?.Tell(delivered, ActorRefs.NoSender);
                if (_stage._listener is { } listener) Listeners.Call(Log, listener, delivered, static (l, d) => l.OnSuccess(new Produced<TKey, TValue, TContext>(d)));
            }
            else if (outcome is DeliveryOutcome<TKey, TValue, TContext>.Failed failed)
            {
                _stage._failed?.Tell(failed, ActorRefs.NoSender);
                if (_stage._listener is { } listener) Listeners.Call(Log, listener, failed, static (l, f) => l.OnError(f));
            }
            Push(_stage.Out, outcome);
        }
    }
}
