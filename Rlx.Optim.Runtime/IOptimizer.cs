using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Rlx.Optim;

/// <summary>
/// The calling convention every generated optimizer implements: the seed's name-keyed <see cref="Step"/> and
/// <see cref="EndIteration"/>, plus state inspection and reset.
/// </summary>
/// <remarks>An optimizer instance is not thread-safe: step it from one thread at a time (it uses other cores itself).</remarks>
public interface IOptimizer
{
    /// <summary>The learning rate of the next steps: finite and ≥ 0. Schedules set it between iterations.</summary>
    float LearningRate { get; set; }

    /// <summary>Completed iterations: the next step uses bias corrections for iteration <c>StepCount + 1</c>.</summary>
    long StepCount { get; }

    /// <summary>
    /// The bytes the optimizer's state holds now: every state buffer of every set, declared or met by name, as
    /// allocated (its elements, plus the few bytes that align it, or the 4 KB page of slack of a buffer of 1,024
    /// elements or more that lets it be placed; see README's State placement). It walks the sets, so read it when
    /// you report, not per step.
    /// </summary>
    long StateBytes { get; }

    /// <summary>How many cores a large parameter set may use; -1 (the default) means all of them.</summary>
    int MaxDegreeOfParallelism { get; set; }

    /// <summary>Every parameter set's state: the declared sets in declaration order, then those met by name.</summary>
    IReadOnlyList<ParameterState> States { get; }

    /// <summary>
    /// Updates the parameter set called <paramref name="name"/> in place. A declared set uses its specialized kernel;
    /// any other name gets state allocated (zeroed) on first use and the optimizer's own hyperparameters.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ from the set's, or the spans overlap. Nothing is changed.</exception>
    void Step(string name, Span<float> parameter, ReadOnlySpan<float> gradient);

    /// <summary>Ends the iteration: every set has been stepped, the shared step counter advances.</summary>
    void EndIteration();

    /// <summary>Zeroes every moment and the step counter. Settings (learning rate, parallelism) are kept.</summary>
    void Reset();

    /// <summary>Finds a parameter set's state by name.</summary>
    bool TryGetState(string name, [NotNullWhen(true)] out ParameterState? state);
}
