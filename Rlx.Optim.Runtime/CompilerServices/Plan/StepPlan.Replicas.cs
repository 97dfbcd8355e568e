using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A plan in a sharded run whose state every process holds whole (Adafactor's: its reductions span whole rows and
/// columns, and its factored state is small): every process steps every set, from the averaged gradient of the whole
/// index space, with the same arithmetic as one process.
/// </summary>
public sealed unsafe partial class StepPlan
{
    /// <summary>
    /// Steps every set whole, as <see cref="Run"/> does after its norm: the measure passes, then the update, across
    /// cores. The caller has decided the step (clipping's factor, the non-finite check) and prepared every set's scalars.
    /// </summary>
    /// <param name="parameters">Per set, its parameter's element 0 (<see cref="ParameterTypeOf"/>).</param>
    /// <param name="gradients">Per set, its whole averaged gradient's element 0 (<see cref="GradientTypeOf"/>).</param>
    /// <param name="gradientScale">The factor g is scaled by as it is read (clipping's; 1: none).</param>
    /// <param name="seed">The stochastic rounding's seed.</param>
    /// <param name="step">The step the rounding draws its bits for (from 1).</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; -1: all.</param>
    /// <param name="parallelThreshold">Below this many elements in all, the step stays on the calling thread.</param>
    internal void RunReplica(
        ReadOnlySpan<nint> parameters, ReadOnlySpan<nint> gradients, float gradientScale, ulong seed, long step, int maxDegreeOfParallelism, int parallelThreshold)
    {
        CheckShard(0, FlatLength);
        CheckOrigins(parameters, nameof(parameters));
        CheckOrigins(gradients, nameof(gradients));
        for (int set = 0; set < _sets.Length; set++)
        {
            if (!_sets[set].State.IsReplica)
            {
                throw new InvalidOperationException($"Parameter set '{_sets[set].State.Name}' does not hold its whole state on every process.");
            }

            _sets[set].Parameter = (byte*)parameters[set];
            _sets[set].Gradient = (byte*)gradients[set];
        }

        try
        {
            RunBound(gradientScale, seed, step, Parts(maxDegreeOfParallelism, parallelThreshold));
        }
        finally
        {
            Unpoint();
        }
    }
}
