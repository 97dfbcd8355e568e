using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;

namespace Rlx.Optim.Benchmarks;

/// <summary>What a user gets without Rlx.Optim, and what the memory system allows.</summary>
public static class Baselines
{
    /// <summary>A straightforward port of the seed: per-element double arithmetic, scalar code.</summary>
    public static void ScalarSeed(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, long t)
    {
        const double Lr = 1e-3, B1 = 0.9f, B2 = 0.999f, Eps = 1e-8f;
        double bc1 = 1.0 - Math.Pow(B1, t);
        double bc2 = 1.0 - Math.Pow(B2, t);
        for (int i = 0; i < p.Length; i++)
        {
            double gi = g[i];
            double newM = B1 * m[i] + (1.0 - B1) * gi;
            double newV = B2 * v[i] + (1.0 - B2) * gi * gi;
            m[i] = (float)newM;
            v[i] = (float)newV;
            p[i] -= (float)(Lr * (newM / bc1) / (Math.Sqrt(newV / bc2) + Eps));
        }
    }

    /// <summary>
    /// The best composition of BCL calls: the same float update as ten <see cref="TensorPrimitives"/> passes
    /// through a scratch buffer (each pass is vectorized; together they move the data many times).
    /// </summary>
    public static void TensorPrimitivesAdam(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> scratch, long t)
    {
        float stepSize = (float)(1e-3 / (1.0 - Math.Pow(0.9, t)));
        float inverseSqrtBc2 = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(0.999, t)));
        TensorPrimitives.Multiply(g, 0.1f, scratch);
        TensorPrimitives.MultiplyAdd(m, 0.9f, scratch, m);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.Multiply(scratch, 0.001f, scratch);
        TensorPrimitives.MultiplyAdd(v, 0.999f, scratch, v);
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Multiply(scratch, inverseSqrtBc2, scratch);
        TensorPrimitives.Add(scratch, 1e-8f, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -stepSize, p, p);
    }

    /// <summary>
    /// Moves the bytes an Adam step must move (reads p, g, m, v; writes p, m, v) with no arithmetic: the memory
    /// system's ceiling for tensors far larger than the cache. 512-bit vectors where they are accelerated: 256-bit
    /// loads leave the memory system idle part of the time (benchmarks/README.md has the figures).
    /// </summary>
    public static void BandwidthProbe(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v)
    {
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float mr = ref MemoryMarshal.GetReference(m);
        ref float vr = ref MemoryMarshal.GetReference(v);
        nuint length = (nuint)p.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> pv = Vector512.LoadUnsafe(ref pr, i);
                Vector512<float> gv = Vector512.LoadUnsafe(ref gr, i);
                Vector512<float> mv = Vector512.LoadUnsafe(ref mr, i);
                Vector512<float> vv = Vector512.LoadUnsafe(ref vr, i);
                vv.StoreUnsafe(ref pr, i);
                gv.StoreUnsafe(ref mr, i);
                (pv | mv).StoreUnsafe(ref vr, i);
            }
        }

        for (; i + (nuint)Vector<float>.Count <= length; i += (nuint)Vector<float>.Count)
        {
            Vector<float> pv = Vector.LoadUnsafe(ref pr, i);
            Vector<float> gv = Vector.LoadUnsafe(ref gr, i);
            Vector<float> mv = Vector.LoadUnsafe(ref mr, i);
            Vector<float> vv = Vector.LoadUnsafe(ref vr, i);
            Vector.StoreUnsafe(vv, ref pr, i);
            Vector.StoreUnsafe(gv, ref mr, i);
            Vector.StoreUnsafe(pv | mv, ref vr, i);
        }

        for (; i < length; i++)
        {
            float t = Unsafe.Add(ref pr, i);
            Unsafe.Add(ref pr, i) = Unsafe.Add(ref vr, i);
            Unsafe.Add(ref mr, i) = Unsafe.Add(ref gr, i);
            Unsafe.Add(ref vr, i) = t;
        }
    }

    /// <summary>Runs <paramref name="body"/> over contiguous chunks on <paramref name="threads"/> threads.</summary>
    public static void Split(int length, int threads, Action<int, int> body)
    {
        if (threads <= 1)
        {
            body(0, length);
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
        {
            int start = (int)((long)length * k / threads) & ~15;
            int end = k == threads - 1 ? length : (int)((long)length * (k + 1) / threads) & ~15;
            body(start, end - start);
        });
    }
}
