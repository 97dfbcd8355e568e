using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// How one stream's elements of type <typeparamref name="T"/> become float lanes and back: the loads and stores of a
/// storage type, written once for every rule. The rule only ever sees float vectors.
/// </summary>
/// <remarks>
/// A store takes the stream's rounding key for this step and the element index of lane 0, so a storage that rounds
/// stochastically draws the same bits for an element whatever the chunk, the width or the tail it is stored from.
/// Storages that round to nearest (or not at all) ignore both, and the JIT drops them.
/// </remarks>
public interface IStorage<T>
    where T : unmanaged
{
    static abstract Vector512<float> Load(ref T origin, nuint i);

    static abstract void Store(Vector512<float> x, ref T origin, nuint i, ulong key, int index);

    /// <summary>Stores with <paramref name="randomBits"/> (its high 16 bits) drawn by the driver, shared between streams.</summary>
    static abstract void StoreBits(Vector512<float> x, ref T origin, nuint i, Vector512<uint> randomBits);

    static abstract Vector<float> LoadPreferred(ref T origin, nuint i);

    static abstract void StorePreferred(Vector<float> x, ref T origin, nuint i, ulong key, int index);

    static abstract void StoreBitsPreferred(Vector<float> x, ref T origin, nuint i, Vector<uint> randomBits);
}

/// <summary>Floats, loaded and stored as they are.</summary>
public readonly struct FloatStorage : IStorage<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float origin, nuint i) => Vector512.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> x, ref float origin, nuint i, ulong key, int index) =>
        Vector512.StoreUnsafe(x, ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Vector512<float> x, ref float origin, nuint i, Vector512<uint> randomBits) =>
        Vector512.StoreUnsafe(x, ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref float origin, nuint i) => Vector.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPreferred(Vector<float> x, ref float origin, nuint i, Vector<uint> randomBits) =>
        Vector.StoreUnsafe(x, ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<float> x, ref float origin, nuint i, ulong key, int index) =>
        Vector.StoreUnsafe(x, ref origin, i);
}

/// <summary>
/// bfloat16, widened exactly to float on load and rounded stochastically on store
/// (<see cref="StochasticRounding"/>: reproducible bits from the stream's step key and the element index).
/// </summary>
public readonly struct BFloat16Storage : IStorage<BFloat16>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref BFloat16 origin, nuint i)
    {
        Vector256<ushort> bits = Vector256.LoadUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
        Vector512<uint> wide = Avx512F.IsSupported
            ? Avx512F.ConvertToVector512UInt32(bits)
            : Vector512.WidenLower(bits.ToVector512Unsafe());
        return (wide << 16).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> x, ref BFloat16 origin, nuint i, ulong key, int index) =>
        StoreBits(x, ref origin, i, StochasticRounding.RandomBits(key, Vector512<int>.Indices + Vector512.Create(index)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Vector512<float> x, ref BFloat16 origin, nuint i, Vector512<uint> randomBits)
    {
        Vector512<uint> rounded = StochasticRounding.ToBFloat16(x, randomBits);
        Vector256<ushort> narrow = Avx512F.IsSupported
            ? Avx512F.ConvertToVector256UInt16(rounded)
            : Vector512.Narrow(rounded, rounded).GetLower();
        narrow.StoreUnsafe(ref Unsafe.As<BFloat16, ushort>(ref origin), i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref BFloat16 origin, nuint i)
    {
        ref ushort bits = ref Unsafe.As<BFloat16, ushort>(ref origin);
        if (Vector<float>.Count == 8)
        {
            Vector256<uint> wide = Vector256.WidenLower(Vector128.LoadUnsafe(ref bits, i).ToVector256Unsafe());
            return (wide << 16).AsSingle().AsVector();
        }

        if (Vector<float>.Count == 16)
        {
            Vector512<uint> wide = Vector512.WidenLower(Vector256.LoadUnsafe(ref bits, i).ToVector512Unsafe());
            return (wide << 16).AsSingle().AsVector();
        }

        throw new PlatformNotSupportedException("The study's bfloat16 storage handles 256- and 512-bit Vector<T>.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<float> x, ref BFloat16 origin, nuint i, ulong key, int index) =>
        StoreBitsPreferred(x, ref origin, i, StochasticRounding.RandomBits(key, Vector<int>.Indices + new Vector<int>(index)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPreferred(Vector<float> x, ref BFloat16 origin, nuint i, Vector<uint> randomBits)
    {
        ref ushort bits = ref Unsafe.As<BFloat16, ushort>(ref origin);
        Vector<uint> rounded = StochasticRounding.ToBFloat16(x, randomBits);
        if (Vector<float>.Count == 8)
        {
            Vector256<uint> r = rounded.AsVector256();
            Vector256.Narrow(r, r).GetLower().StoreUnsafe(ref bits, i);
            return;
        }

        if (Vector<float>.Count == 16)
        {
            Vector512<uint> r = rounded.AsVector512();
            Vector512.Narrow(r, r).GetLower().StoreUnsafe(ref bits, i);
            return;
        }

        throw new PlatformNotSupportedException("The study's bfloat16 storage handles 256- and 512-bit Vector<T>.");
    }
}

/// <summary>How the driver draws random bits for the streams it rounds.</summary>
public interface IRandomBits
{
    /// <summary>
    /// False: one hash per stream and element (StochasticRounding.ToBFloat16(x, key, index), the streams' own keys).
    /// True: one 32-bit word per element for two streams (the first uses its high 16 bits, the second its low 16),
    /// under the first stream's key; a third and fourth stream share a second word.
    /// </summary>
    static abstract bool Shared { get; }
}

/// <summary>A hash per stream and element.</summary>
public readonly struct HashPerStream : IRandomBits
{
    public static bool Shared => false;
}

/// <summary>One hash per element for every two streams.</summary>
public readonly struct HashShared : IRandomBits
{
    public static bool Shared => true;
}
