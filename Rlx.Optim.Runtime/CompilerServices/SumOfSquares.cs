using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The sum of the squares of a gradient's elements, for the global norm that clipping needs. Each square of a float
/// is exact in double (24-bit significands give 48 bits), and the squares are summed in double, so the norm of
/// 124M elements is accurate to about 10⁻⁸ relative in the worst case, far below float's resolution; a non-finite
/// element makes the sum non-finite (the largest float squared is about 10⁷⁷, so finite squares never overflow it).
/// </summary>
/// <remarks>
/// A set's gradient is summed in blocks of <see cref="BlockElements"/> elements counted from the set's start, each
/// block in a fixed order of lanes and the blocks then added in order: the sum is the same whichever thread sums a
/// block, so one core and all give the same norm (at a given vector width).
/// </remarks>
internal static class SumOfSquares
{
    /// <summary>Elements per block: one thread sums a whole block.</summary>
    public const int BlockElements = 4096;

    /// <summary>How many blocks a set of <paramref name="length"/> elements has.</summary>
    public static int BlocksOf(int length) => (length + BlockElements - 1) / BlockElements;

    /// <summary>The sum over block <paramref name="block"/> of a gradient of <paramref name="length"/> elements.</summary>
    public static double OfBlock<T>(ref T gradient, int length, int block)
        where T : unmanaged
    {
        int start = block * BlockElements;
        return OfElements(ref Unsafe.Add(ref gradient, start), Math.Min(BlockElements, length - start));
    }

    /// <summary>The sum over <paramref name="count"/> elements from <paramref name="first"/>: one block's, in its order.</summary>
    public static double OfElements<T>(ref T first, int count)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Of<float, FloatStorage>(ref Unsafe.As<T, float>(ref first), count);
        }

        if (typeof(T) == typeof(BFloat16))
        {
            return Of<BFloat16, BFloat16Storage>(ref Unsafe.As<T, BFloat16>(ref first), count);
        }

        if (typeof(T) == typeof(Half))
        {
            return Of<Half, HalfStorage>(ref Unsafe.As<T, Half>(ref first), count);
        }

        throw new NotSupportedException($"Gradients of type {typeof(T).Name} are not supported: use float, Half or BFloat16.");
    }

    /// <summary>The sum over a whole span, block by block (what a plan's blocks add up to).</summary>
    public static double Of<T>(ReadOnlySpan<T> gradient)
        where T : unmanaged
    {
        double sum = 0;
        ref T first = ref MemoryMarshal.GetReference(gradient);
        for (int block = 0, blocks = BlocksOf(gradient.Length); block < blocks; block++)
        {
            sum += OfBlock(ref first, gradient.Length, block);
        }

        return sum;
    }

    private static double Of<T, TStorage>(ref T origin, int count)
        where T : unmanaged
        where TStorage : struct, IStorage<T>
    {
        nuint i = 0;
        nuint end = (nuint)count;
        double sum;
        if (KernelWidth.Uses512Bits)
        {
            Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; end - i >= 32; i += 32)
            {
                TStorage.LoadPair(ref origin, i, out Vector512<float> x, out Vector512<float> y);
                Vector512<double> x0 = Vector512.WidenLower(x), x1 = Vector512.WidenUpper(x);
                Vector512<double> y0 = Vector512.WidenLower(y), y1 = Vector512.WidenUpper(y);
                a0 = Vector512.FusedMultiplyAdd(x0, x0, a0);
                a1 = Vector512.FusedMultiplyAdd(x1, x1, a1);
                a2 = Vector512.FusedMultiplyAdd(y0, y0, a2);
                a3 = Vector512.FusedMultiplyAdd(y1, y1, a3);
            }

            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else
        {
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
            nuint width = (nuint)Vector<float>.Count;
            for (; end - i >= 2 * width; i += 2 * width)
            {
                Vector<float> x = TStorage.LoadPreferred(ref origin, i);
                Vector<float> y = TStorage.LoadPreferred(ref origin, i + width);
                Vector<double> x0 = Vector.WidenLower(x), x1 = Vector.WidenUpper(x);
                Vector<double> y0 = Vector.WidenLower(y), y1 = Vector.WidenUpper(y);
                a0 = Vector.FusedMultiplyAdd(x0, x0, a0);
                a1 = Vector.FusedMultiplyAdd(x1, x1, a1);
                a2 = Vector.FusedMultiplyAdd(y0, y0, a2);
                a3 = Vector.FusedMultiplyAdd(y1, y1, a3);
            }

            sum = Vector.Sum((a0 + a1) + (a2 + a3));
        }

        for (; i < end; i++)
        {
            double x = ScalarStorage.ToFloat(Unsafe.Add(ref origin, i));
            sum = Math.FusedMultiplyAdd(x, x, sum);
        }

        return sum;
    }
}
