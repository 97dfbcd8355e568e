using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.Benchmarks.RawKernels;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>Which parts of the per-vector work a hand-written kernel keeps (resolved at JIT time).</summary>
public interface IKernelParts
{
    /// <summary>The subnormal-moment test (<see cref="KernelMath.AnySubnormal"/>) and its exact fix-up.</summary>
    static abstract bool SubnormalCheck { get; }

    /// <summary>The <c>g + (p − p)</c> term that makes a non-finite θ poison its own moments.</summary>
    static abstract bool NaNTerm { get; }
}

/// <summary>The generated kernel's per-vector work, all of it.</summary>
public readonly struct AllParts : IKernelParts
{
    public static bool SubnormalCheck => true;
    public static bool NaNTerm => true;
}

/// <summary>Without the subnormal test.</summary>
public readonly struct NoSubnormalCheck : IKernelParts
{
    public static bool SubnormalCheck => false;
    public static bool NaNTerm => true;
}

/// <summary>Without the NaN-propagation term.</summary>
public readonly struct NoNaNTerm : IKernelParts
{
    public static bool SubnormalCheck => true;
    public static bool NaNTerm => false;
}

/// <summary>Neither: the bare Adam arithmetic.</summary>
public readonly struct BareArithmetic : IKernelParts
{
    public static bool SubnormalCheck => false;
    public static bool NaNTerm => false;
}

/// <summary>
/// <see cref="KernelShapes.Adam512{TParts}"/> as a kernel for <see cref="UpdateKernels.RunParallel{TKernel, TScalars}"/>,
/// at a fixed step size of 1e-3 and no bias correction: what a 512-bit generated kernel would do across cores. The
/// last 8 elements of a range that is not a whole number of 512-bit vectors go through the 256-bit copy.
/// </summary>
public readonly struct Adam512Kernel : IUpdateKernel<NoScalars>
{
    public static void Update(in NoScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end)
    {
        nuint length = end - start;
        nuint whole = length / (nuint)Vector512<float>.Count * (nuint)Vector512<float>.Count;
        ref float p = ref Unsafe.Add(ref parameter, start);
        ref float g = ref Unsafe.Add(ref gradient, start);
        ref float m = ref Unsafe.Add(ref state0, start);
        ref float v = ref Unsafe.Add(ref state1, start);
        KernelShapes.Adam512<AllParts>(ref p, ref g, ref m, ref v, whole, 1e-3f, 1f);
        if (whole != length)
        {
            KernelShapes.Adam256<AllParts>(ref Unsafe.Add(ref p, whole), ref Unsafe.Add(ref g, whole), ref Unsafe.Add(ref m, whole), ref Unsafe.Add(ref v, whole), length - whole, 1e-3f, 1f);
        }
    }
}

/// <summary>
/// Hand-written copies of the generated Adam float kernel (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no decay), at the default
/// <c>Vector&lt;float&gt;</c> width and over <see cref="Vector512{T}"/>, each unrolled four times: to measure what the
/// width and each part of the per-vector work cost before the generator is changed.
/// </summary>
public static class KernelShapes
{
    /// <summary>The generated shape: four <c>Vector&lt;float&gt;</c> per iteration, then single vectors.</summary>
    public static void Adam256<TParts>(ref float p, ref float g, ref float m, ref float v, nuint length, float stepSize, float inverseSqrtBc2)
        where TParts : struct, IKernelParts
    {
        Vector<float> s = new(stepSize), c = new(inverseSqrtBc2);
        nuint width = (nuint)Vector<float>.Count, i = 0;
        for (; length - i >= 4 * width; i += 4 * width)
        {
            Step256<TParts>(ref p, ref g, ref m, ref v, i, s, c);
            Step256<TParts>(ref p, ref g, ref m, ref v, i + width, s, c);
            Step256<TParts>(ref p, ref g, ref m, ref v, i + 2 * width, s, c);
            Step256<TParts>(ref p, ref g, ref m, ref v, i + 3 * width, s, c);
        }

        for (; length - i >= width; i += width)
        {
            Step256<TParts>(ref p, ref g, ref m, ref v, i, s, c);
        }
    }

    /// <summary>The same over 512-bit vectors: four per iteration, then single ones.</summary>
    public static void Adam512<TParts>(ref float p, ref float g, ref float m, ref float v, nuint length, float stepSize, float inverseSqrtBc2)
        where TParts : struct, IKernelParts
    {
        Vector512<float> s = Vector512.Create(stepSize), c = Vector512.Create(inverseSqrtBc2);
        nuint width = (nuint)Vector512<float>.Count, i = 0;
        for (; length - i >= 4 * width; i += 4 * width)
        {
            Step512<TParts>(ref p, ref g, ref m, ref v, i, s, c);
            Step512<TParts>(ref p, ref g, ref m, ref v, i + width, s, c);
            Step512<TParts>(ref p, ref g, ref m, ref v, i + 2 * width, s, c);
            Step512<TParts>(ref p, ref g, ref m, ref v, i + 3 * width, s, c);
        }

        for (; length - i >= width; i += width)
        {
            Step512<TParts>(ref p, ref g, ref m, ref v, i, s, c);
        }
    }

    /// <summary>
    /// 512-bit vectors, four per iteration, with one subnormal test for the group of four (the shape the generator now
    /// writes): the moments of four vectors, one branch, then the four steps.
    /// </summary>
    public static void Adam512Grouped(ref float p, ref float g, ref float m, ref float v, nuint length, float stepSize, float inverseSqrtBc2)
    {
        Vector512<float> s = Vector512.Create(stepSize), c = Vector512.Create(inverseSqrtBc2);
        nuint w = (nuint)Vector512<float>.Count, i = 0;
        for (; length - i >= 4 * w; i += 4 * w)
        {
            Moments(ref p, ref g, ref m, ref v, i, out Vector512<float> p0, out Vector512<float> g0, out Vector512<float> m0, out Vector512<float> v0);
            Moments(ref p, ref g, ref m, ref v, i + w, out Vector512<float> p1, out Vector512<float> g1, out Vector512<float> m1, out Vector512<float> v1);
            Moments(ref p, ref g, ref m, ref v, i + 2 * w, out Vector512<float> p2, out Vector512<float> g2, out Vector512<float> m2, out Vector512<float> v2);
            Moments(ref p, ref g, ref m, ref v, i + 3 * w, out Vector512<float> p3, out Vector512<float> g3, out Vector512<float> m3, out Vector512<float> v3);
            if (KernelMath.AnySubnormal(m0, v0, m1, v1, m2, v2, m3, v3))
            {
                Fix(ref m, ref v, i, g0, ref m0, ref v0);
                Fix(ref m, ref v, i + w, g1, ref m1, ref v1);
                Fix(ref m, ref v, i + 2 * w, g2, ref m2, ref v2);
                Fix(ref m, ref v, i + 3 * w, g3, ref m3, ref v3);
            }

            Finish(ref p, ref m, ref v, i, p0, m0, v0, s, c);
            Finish(ref p, ref m, ref v, i + w, p1, m1, v1, s, c);
            Finish(ref p, ref m, ref v, i + 2 * w, p2, m2, v2, s, c);
            Finish(ref p, ref m, ref v, i + 3 * w, p3, m3, v3, s, c);
        }

        for (; length - i >= w; i += w)
        {
            Step512<AllParts>(ref p, ref g, ref m, ref v, i, s, c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Moments(ref float p, ref float g, ref float m, ref float v, nuint i, out Vector512<float> pv, out Vector512<float> gv, out Vector512<float> mv, out Vector512<float> vv)
    {
        pv = Vector512.LoadUnsafe(ref p, i);
        gv = Vector512.LoadUnsafe(ref g, i) + (pv - pv);
        mv = Vector512.Create(0.9f) * Vector512.LoadUnsafe(ref m, i) + Vector512.Create(0.1f) * gv;
        vv = Vector512.Create(0.999f) * Vector512.LoadUnsafe(ref v, i) + Vector512.Create(0.001f) * gv * gv;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fix(ref float m, ref float v, nuint i, Vector512<float> gv, ref Vector512<float> mv, ref Vector512<float> vv)
    {
        Vector512<float> subnormal = IsSubnormal512(mv) | IsSubnormal512(vv);
        mv = Vector512.ConditionalSelect(subnormal, ExactMoment512(Vector512.LoadUnsafe(ref m, i), gv, 0.9, 0.09999999999999998, square: false), mv);
        vv = Vector512.ConditionalSelect(subnormal, ExactMoment512(Vector512.LoadUnsafe(ref v, i), gv, 0.999, 0.0010000000000000009, square: true), vv);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref float p, ref float m, ref float v, nuint i, Vector512<float> pv, Vector512<float> mv, Vector512<float> vv, Vector512<float> s, Vector512<float> c)
    {
        mv.StoreUnsafe(ref m, i);
        vv.StoreUnsafe(ref v, i);
        (pv - s * mv / (Vector512.Sqrt(vv) * c + Vector512.Create(1e-8f))).StoreUnsafe(ref p, i);
    }

    /// <summary>512-bit vectors, two per iteration.</summary>
    public static void Adam512x2(ref float p, ref float g, ref float m, ref float v, nuint length, float stepSize, float inverseSqrtBc2)
    {
        Vector512<float> s = Vector512.Create(stepSize), c = Vector512.Create(inverseSqrtBc2);
        nuint width = (nuint)Vector512<float>.Count, i = 0;
        for (; length - i >= 2 * width; i += 2 * width)
        {
            Step512<AllParts>(ref p, ref g, ref m, ref v, i, s, c);
            Step512<AllParts>(ref p, ref g, ref m, ref v, i + width, s, c);
        }

        for (; length - i >= width; i += width)
        {
            Step512<AllParts>(ref p, ref g, ref m, ref v, i, s, c);
        }
    }

    /// <summary>512-bit vectors, four per iteration, with fused multiply-adds for the moments and the denominator.</summary>
    public static void Adam512Fma(ref float p, ref float g, ref float m, ref float v, nuint length, float stepSize, float inverseSqrtBc2)
    {
        Vector512<float> s = Vector512.Create(stepSize), c = Vector512.Create(inverseSqrtBc2);
        nuint width = (nuint)Vector512<float>.Count, i = 0;
        for (; length - i >= width; i += width)
        {
            Vector512<float> pv = Vector512.LoadUnsafe(ref p, i);
            Vector512<float> gv = Vector512.LoadUnsafe(ref g, i) + (pv - pv);
            Vector512<float> m0 = Vector512.LoadUnsafe(ref m, i);
            Vector512<float> v0 = Vector512.LoadUnsafe(ref v, i);
            Vector512<float> mv = Vector512.FusedMultiplyAdd(Vector512.Create(0.9f), m0, Vector512.Create(0.1f) * gv);
            Vector512<float> vv = Vector512.FusedMultiplyAdd(Vector512.Create(0.999f), v0, Vector512.Create(0.001f) * gv * gv);
            if (AnySubnormal512(mv, vv))
            {
                Vector512<float> subnormal = IsSubnormal512(mv) | IsSubnormal512(vv);
                mv = Vector512.ConditionalSelect(subnormal, ExactMoment512(m0, gv, 0.9, 0.09999999999999998, square: false), mv);
                vv = Vector512.ConditionalSelect(subnormal, ExactMoment512(v0, gv, 0.999, 0.0010000000000000009, square: true), vv);
            }

            mv.StoreUnsafe(ref m, i);
            vv.StoreUnsafe(ref v, i);
            (pv - s * mv / Vector512.FusedMultiplyAdd(Vector512.Sqrt(vv), c, Vector512.Create(1e-8f))).StoreUnsafe(ref p, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256<TParts>(ref float p, ref float g, ref float m, ref float v, nuint i, Vector<float> stepSize, Vector<float> inverseSqrtBc2)
        where TParts : struct, IKernelParts
    {
        Vector<float> pv = Vector.LoadUnsafe(ref p, i);
        Vector<float> gv = Vector.LoadUnsafe(ref g, i);
        if (TParts.NaNTerm)
        {
            gv += pv - pv;
        }

        Vector<float> m0 = Vector.LoadUnsafe(ref m, i);
        Vector<float> v0 = Vector.LoadUnsafe(ref v, i);
        Vector<float> mv = new Vector<float>(0.9f) * m0 + new Vector<float>(0.1f) * gv;
        Vector<float> vv = new Vector<float>(0.999f) * v0 + new Vector<float>(0.001f) * gv * gv;
        if (TParts.SubnormalCheck && KernelMath.AnySubnormal(mv, vv))
        {
            Vector<float> subnormal = KernelMath.IsSubnormal(mv) | KernelMath.IsSubnormal(vv);
            Vector.Widen(m0, out Vector<double> mLow, out Vector<double> mHigh);
            Vector.Widen(v0, out Vector<double> vLow, out Vector<double> vHigh);
            Vector.Widen(gv, out Vector<double> gLow, out Vector<double> gHigh);
            Vector<double> b1 = new(0.9), c1 = new(0.09999999999999998), b2 = new(0.999), c2 = new(0.0010000000000000009);
            mv = Vector.ConditionalSelect(subnormal, Vector.Narrow(b1 * mLow + c1 * gLow, b1 * mHigh + c1 * gHigh), mv);
            vv = Vector.ConditionalSelect(subnormal, Vector.Narrow(b2 * vLow + c2 * gLow * gLow, b2 * vHigh + c2 * gHigh * gHigh), vv);
        }

        Vector.StoreUnsafe(mv, ref m, i);
        Vector.StoreUnsafe(vv, ref v, i);
        Vector.StoreUnsafe(pv - stepSize * mv / (Vector.SquareRoot(vv) * inverseSqrtBc2 + new Vector<float>(1e-8f)), ref p, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512<TParts>(ref float p, ref float g, ref float m, ref float v, nuint i, Vector512<float> stepSize, Vector512<float> inverseSqrtBc2)
        where TParts : struct, IKernelParts
    {
        Vector512<float> pv = Vector512.LoadUnsafe(ref p, i);
        Vector512<float> gv = Vector512.LoadUnsafe(ref g, i);
        if (TParts.NaNTerm)
        {
            gv += pv - pv;
        }

        Vector512<float> m0 = Vector512.LoadUnsafe(ref m, i);
        Vector512<float> v0 = Vector512.LoadUnsafe(ref v, i);
        Vector512<float> mv = Vector512.Create(0.9f) * m0 + Vector512.Create(0.1f) * gv;
        Vector512<float> vv = Vector512.Create(0.999f) * v0 + Vector512.Create(0.001f) * gv * gv;
        if (TParts.SubnormalCheck && AnySubnormal512(mv, vv))
        {
            Vector512<float> subnormal = IsSubnormal512(mv) | IsSubnormal512(vv);
            mv = Vector512.ConditionalSelect(subnormal, ExactMoment512(m0, gv, 0.9, 0.09999999999999998, square: false), mv);
            vv = Vector512.ConditionalSelect(subnormal, ExactMoment512(v0, gv, 0.999, 0.0010000000000000009, square: true), vv);
        }

        mv.StoreUnsafe(ref m, i);
        vv.StoreUnsafe(ref v, i);
        (pv - stepSize * mv / (Vector512.Sqrt(vv) * inverseSqrtBc2 + Vector512.Create(1e-8f))).StoreUnsafe(ref p, i);
    }

    /// <summary><see cref="KernelMath.AnySubnormal"/> over 512 bits: two compares that feed the branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnySubnormal512(Vector512<float> m, Vector512<float> v) =>
        Vector512.LessThanAny((m.AsUInt32() & Vector512.Create(0x7FFF_FFFFu)) - Vector512<uint>.One, Vector512.Create(0x007F_FFFFu))
        | Vector512.LessThanAny(v.AsUInt32() - Vector512<uint>.One, Vector512.Create(0x007F_FFFFu));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IsSubnormal512(Vector512<float> x) =>
        Vector512.LessThan((x.AsUInt32() & Vector512.Create(0x7FFF_FFFFu)) - Vector512<uint>.One, Vector512.Create(0x007F_FFFFu)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExactMoment512(Vector512<float> previous, Vector512<float> g, double beta, double oneMinusBeta, bool square)
    {
        (Vector512<double> pLow, Vector512<double> pHigh) = Vector512.Widen(previous);
        (Vector512<double> gLow, Vector512<double> gHigh) = Vector512.Widen(g);
        Vector512<double> b = Vector512.Create(beta), c = Vector512.Create(oneMinusBeta);
        Vector512<double> low = square ? b * pLow + c * gLow * gLow : b * pLow + c * gLow;
        Vector512<double> high = square ? b * pHigh + c * gHigh * gHigh : b * pHigh + c * gHigh;
        return Vector512.Narrow(low, high);
    }
}
