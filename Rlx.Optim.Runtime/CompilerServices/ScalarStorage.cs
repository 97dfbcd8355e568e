using System;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One element of a storage type as a float and back, for the scalar tails of loops whose vectors go through
/// <see cref="IStorage{T}"/>: widened exactly, and stored with the same stochastic rounding an element of that index
/// gets in a vector (<see cref="StochasticRounding"/>). The JIT keeps only the branch of the element type.
/// </summary>
internal static class ScalarStorage
{
    /// <summary><paramref name="value"/> widened exactly to float (float, <see cref="BFloat16"/> or <see cref="Half"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToFloat<T>(T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<T, float>(ref value);
        }

        if (typeof(T) == typeof(BFloat16))
        {
            return (float)Unsafe.As<T, BFloat16>(ref value);
        }

        return (float)Unsafe.As<T, Half>(ref value);
    }

    /// <summary>
    /// <paramref name="x"/> as a <typeparamref name="T"/>: a float as it is, a 16-bit type rounded stochastically with
    /// element <paramref name="index"/>'s bits under <paramref name="key"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Round<T>(float x, ulong key, int index)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<float, T>(ref x);
        }

        if (typeof(T) == typeof(BFloat16))
        {
            BFloat16 rounded = StochasticRounding.ToBFloat16(x, key, index);
            return Unsafe.As<BFloat16, T>(ref rounded);
        }

        Half half = StochasticRounding.ToHalf(x, key, index);
        return Unsafe.As<Half, T>(ref half);
    }
}
