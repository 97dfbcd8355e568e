using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.Benchmarks.RawKernels;

namespace Rlx.Optim.Benchmarks;

/// <summary>Kernels with no per-step scalars.</summary>
public readonly struct NoScalars;

/// <summary>
/// Does nothing: run through <see cref="UpdateKernels.RunParallel{TKernel, TScalars}"/>, it measures the hand-off to
/// the worker threads and back alone.
/// </summary>
public readonly struct EmptyKernel : IUpdateKernel<NoScalars>
{
    public static void Update(in NoScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end)
    {
    }
}

/// <summary>
/// The bandwidth probe as a kernel, so it runs on the same worker threads and chunks as the generated kernels: reads
/// p, g, m (state0), v (state1) and writes p, m, v with no arithmetic. 512-bit vectors where they are accelerated.
/// </summary>
public readonly struct ProbeKernel : IUpdateKernel<NoScalars>
{
    public static void Update(in NoScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end)
    {
        nuint i = start;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; end - i >= (nuint)Vector512<float>.Count; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> p = Vector512.LoadUnsafe(ref parameter, i);
                Vector512<float> g = Vector512.LoadUnsafe(ref gradient, i);
                Vector512<float> m = Vector512.LoadUnsafe(ref state0, i);
                Vector512<float> v = Vector512.LoadUnsafe(ref state1, i);
                v.StoreUnsafe(ref parameter, i);
                g.StoreUnsafe(ref state0, i);
                (p | m).StoreUnsafe(ref state1, i);
            }
        }

        for (; end - i >= (nuint)Vector<float>.Count; i += (nuint)Vector<float>.Count)
        {
            Vector<float> p = Vector.LoadUnsafe(ref parameter, i);
            Vector<float> g = Vector.LoadUnsafe(ref gradient, i);
            Vector<float> m = Vector.LoadUnsafe(ref state0, i);
            Vector<float> v = Vector.LoadUnsafe(ref state1, i);
            Vector.StoreUnsafe(v, ref parameter, i);
            Vector.StoreUnsafe(g, ref state0, i);
            Vector.StoreUnsafe(p | m, ref state1, i);
        }
    }
}
