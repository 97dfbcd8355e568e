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
    /// <summary>
    /// The learning rate of the next steps: finite and ≥ 0. Hand-written schedules set it between iterations; with a
    /// <see cref="LearningRateSchedule"/> attached it reads the coming step's rate and cannot be set.
    /// </summary>
    float LearningRate { get; set; }

    /// <summary>
    /// Gives the learning rate of every step from the step count while attached (<see cref="LearningRateSchedule.RateAt"/>
    /// of <see cref="StepCount"/>): a checkpoint resumes it at its step. While one is attached, <see cref="LearningRate"/>
    /// reads the coming step's rate and refuses to be set. Null (the default): <see cref="LearningRate"/> is used.
    /// </summary>
    LearningRateSchedule? LearningRateSchedule { get; set; }

    /// <summary>Completed iterations: the next step uses bias corrections for iteration <c>StepCount + 1</c>.</summary>
    long StepCount { get; }

    /// <summary>
    /// The bytes the optimizer's state holds now: every state buffer of every set, declared or met by name, as
    /// allocated (its elements, plus the few bytes that align it, or the 4 KB page of slack of a buffer of 1,024
    /// elements or more that lets it be placed; see README's State placement). It walks the sets, so read it when
    /// you report, not per step.
    /// </summary>
    long StateBytes { get; }

    /// <summary>
    /// Clips the gradients of each whole step (<c>StepAll</c>) to this global L2 norm, by PyTorch's
    /// <c>clip_grad_norm_</c> rule: g is scaled by min(1, max / (norm + 1e-6)) as the update reads it, and the caller's
    /// gradients are never written. Null (the default unless the attribute sets <c>MaxGradientNorm</c>) does not clip.
    /// While it is set, a one-set step (<see cref="Step"/> or a declared set's method) throws: the norm needs every
    /// gradient of the step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0, a negative number, NaN or infinity.</exception>
    float? MaxGradientNorm { get; set; }

    /// <summary>
    /// Skips a whole step whose gradients hold a NaN or an infinity: nothing changes (parameters, state, step count),
    /// <c>StepAll</c> returns false and <see cref="SkippedSteps"/> counts it. Like clipping, it needs the whole step.
    /// </summary>
    bool SkipNonFiniteSteps { get; set; }

    /// <summary>
    /// The global L2 norm of the last whole step's gradients, before clipping (what people log); NaN when neither
    /// clipping nor the non-finite check asked for it.
    /// </summary>
    float GradientNorm { get; }

    /// <summary>Whole steps skipped for a non-finite gradient since construction or <see cref="Reset"/>.</summary>
    long SkippedSteps { get; }

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

    /// <summary>
    /// Steps the sets of one whole step by name, then ends the iteration: a declared float set uses its specialized
    /// kernel, any other name gets state on first use. Clipping (<see cref="MaxGradientNorm"/>) and the non-finite
    /// check (<see cref="SkipNonFiniteSteps"/>) see every gradient of the step. Each set is handed to the cores on its
    /// own (a generated <c>StepAll</c> over declared sets makes one pass over all of them).
    /// </summary>
    /// <returns>False when the step was skipped for a non-finite gradient: then nothing changed.</returns>
    /// <exception cref="ArgumentException">A name is repeated or is a 16-bit declared set, or a set's lengths are wrong. Nothing is changed.</exception>
    bool StepAll(ReadOnlySpan<NamedParameter> parameters);

    /// <summary>Ends the iteration: every set has been stepped, the shared step counter advances.</summary>
    void EndIteration();

    /// <summary>
    /// Zeroes every moment (Adagrad's <c>sum</c> returns to its initial accumulator value) and the step counter.
    /// Settings (learning rate, parallelism) are kept.
    /// </summary>
    void Reset();

    /// <summary>Finds a parameter set's state by name.</summary>
    bool TryGetState(string name, [NotNullWhen(true)] out ParameterState? state);
}
