namespace Rlx.Optim;

/// <summary>
/// One value folded into a generated kernel, under the name checkpoints record it by (PyTorch's where it has one:
/// <c>beta1</c>, <c>eps</c>, <c>weight_decay</c>, <c>momentum</c>...). Switches such as <c>amsgrad</c> are 1 or 0.
/// The learning rate is not among them: it is a run-time setting.
/// </summary>
/// <param name="Name">The hyperparameter's name.</param>
/// <param name="Value">Its value as declared (a double, before any rounding the precision mode applies).</param>
public readonly record struct Hyperparameter(string Name, double Value);
