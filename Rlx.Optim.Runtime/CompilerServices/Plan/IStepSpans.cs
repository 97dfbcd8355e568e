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
}
