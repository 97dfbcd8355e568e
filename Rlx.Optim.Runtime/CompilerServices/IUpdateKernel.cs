using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A generated, specialized elementwise update over <c>[start, end)</c> of one parameter set and up to three state
/// buffers. Implemented by structs, so <see cref="UpdateKernels"/> runs it with no virtual call. The generator
/// implements it for each kernel it writes.
/// </summary>
/// <typeparam name="TScalars">The per-step scalars (bias corrections, step size), computed once per call.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUpdateKernel<TScalars>
    where TScalars : unmanaged
{
    /// <summary>
    /// Updates elements <c>[start, end)</c> in place, where <c>end − start</c> is a whole multiple of
    /// <see cref="KernelWidth.FloatLanes"/> (the runtime runs the last partial vector through padded copies). Unused
    /// state references are null and must not be read.
    /// </summary>
    static abstract void Update(
        in TScalars scalars,
        ref float parameter,
        ref float gradient,
        ref float state0,
        ref float state1,
        ref float state2,
        nuint start,
        nuint end);
}
