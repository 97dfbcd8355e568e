using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The spans of one <c>StepAll</c> call, set by set: a generated <c>ref struct</c> holds them, so that
/// <see cref="StepPlan"/> can pin every set's θ and g for the one pass over all of them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStepSpans
{
    /// <summary>The first byte of declared set <paramref name="set"/>'s parameter.</summary>
    ref byte Parameter(int set);

    /// <summary>The first byte of declared set <paramref name="set"/>'s gradient (only read).</summary>
    ref byte Gradient(int set);

    /// <summary>
    /// Writes every set's parameter's and gradient's address (<see cref="StepPlan.Address{T}(System.Span{T})"/>), the
    /// parameter's at 2·set and the gradient's at 2·set + 1, in one pass without a call per set: the step checks
    /// them for shared memory before it pins anything.
    /// </summary>
    void Addresses(System.Span<nuint> addresses);
}
