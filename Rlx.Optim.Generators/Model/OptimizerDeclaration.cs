namespace Rlx.Optim.Generators.Model;

/// <summary>
/// What the generator extracts from an optimizer class: the optimizer to write, or the fallback of a declaration
/// with errors. Exactly one is set.
/// </summary>
internal sealed record OptimizerDeclaration(OptimizerSpec? Optimizer, FallbackSpec? Fallback);
