namespace Rlx.Optim.Generators.Model;

/// <summary>The algorithm an optimizer attribute asks for.</summary>
internal enum OptimizerKind
{
    Adam,
    AdamW,
    NAdam,
    RAdam,
    Adamax,
    Lion,
    Sgd,
    Adagrad,
    RMSprop,
    Adafactor,
    Lamb,
    ScheduleFreeAdamW,
}
