using System;

namespace Rlx.Optim;

/// <summary>
/// One parameter set of a whole step by name (<see cref="IOptimizer.StepAll(ReadOnlySpan{NamedParameter})"/>): its
/// name, its parameter (updated in place) and its gradient (only read).
/// </summary>
/// <param name="Name">The set's name: a declared float set, or any other name (state allocated on first use).</param>
/// <param name="Parameter">The parameter, updated in place.</param>
/// <param name="Gradient">The gradient, of the parameter's length.</param>
public readonly record struct NamedParameter(string Name, Memory<float> Parameter, ReadOnlyMemory<float> Gradient);
