using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The vectors the generated kernels run on here: 512-bit where the runtime reports them accelerated, otherwise
/// <see cref="Vector{T}"/>. Both are constants to the JIT, so the choice costs nothing at run time. Generated kernels
/// read it to pick their loop.
/// </summary>
/// <remarks>
/// <see cref="Vector{T}"/> stays 256 bits on AVX-512 hardware by default, and the kernels measured up to about 1.4×
/// faster in cache, and at the memory's speed for large sets, with 512-bit vectors (benchmarks/README.md). On
/// processors whose 512-bit instructions would slow the clock, the runtime does not report
/// <see cref="Vector512.IsHardwareAccelerated"/>; <c>DOTNET_EnableAVX512=0</c> turns the wide kernels off.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelWidth
{
    /// <summary>Whether the kernels run on <see cref="Vector512{T}"/>.</summary>
    public static bool Uses512Bits => Vector512.IsHardwareAccelerated;

    /// <summary>Floats per kernel vector: a kernel is only ever given whole multiples of this many elements.</summary>
    public static int FloatLanes => Uses512Bits ? Vector512<float>.Count : Vector<float>.Count;
}
