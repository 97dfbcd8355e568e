namespace Rlx.Optim.Benchmarks.RawKernels;

/// <summary>
/// A hand-written elementwise update over <c>[start, end)</c> of one parameter set and up to three state buffers,
/// run by <see cref="UpdateKernels"/> with no virtual call. This was the generated kernels' interface before the
/// runtime's <c>ElementwiseDriver</c> took over their loop; the benchmarks keep it for their baselines, which own
/// their loops (the scalar port, the <c>TensorPrimitives</c> composition, the plain loop, the probe, the previous
/// generated Adam).
/// </summary>
/// <typeparam name="TScalars">The per-step scalars, computed once per call.</typeparam>
public interface IUpdateKernel<TScalars>
    where TScalars : unmanaged
{
    /// <summary>
    /// Updates elements <c>[start, end)</c> in place, where <c>end − start</c> is a whole multiple of
    /// <c>KernelWidth.FloatLanes</c> (the runner runs the last partial vector through padded copies). Unused state
    /// references are null and must not be read.
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
