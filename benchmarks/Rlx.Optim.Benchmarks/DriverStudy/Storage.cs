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
/// A store takes each lane's random bits, drawn by the driver from the stream's key for this step and the element's
/// index counter (<see cref="StochasticRounding.RandomBits(Vector512{uint}, Vector512{uint}, Vector512{uint})"/>), so
/// a storage that rounds stochastically draws the same bits for an element whatever the chunk, the width or the tail
/// it is stored from. Storages that round to nearest (or not at all) ignore them, and the JIT drops their hash.
/// </remarks>
public interface IStorage<T>
    where T : unmanaged
{
    static abstract Vector512<float> Load(ref T origin, nuint i);

    /// <summary>Stores with <paramref name="randomBits"/> (its high 16 bits) drawn by the driver.</summary>
    static abstract void StoreBits(Vector512<float> x, ref T origin, nuint i, Vector512<uint> randomBits);

    static abstract Vector<float> LoadPreferred(ref T origin, nuint i);

    static abstract void StoreBitsPreferred(Vector<float> x, ref T origin, nuint i, Vector<uint> randomBits);
}

/// <summary>Floats, loaded and stored as they are.</summary>
public readonly struct FloatStorage : IStorage<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float origin, nuint i) => Vector512.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBits(Vector512<float> x, ref float origin, nuint i, Vector512<uint> randomBits) =>
        Vector512.StoreUnsafe(x, ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref float origin, nuint i) => Vector.LoadUnsafe(ref origin, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBitsPreferred(Vector<float> x, ref float origin, nuint i, Vector<uint> randomBits) =>
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
    /// False: one word per stream and element, under the stream's own key.
    /// True: one 32-bit word per element for two streams (m uses its high 16 bits, v its low 16), under m's key; θ
    /// takes the high half of a second word, under θ's key, and a third state buffer its low half.
    /// </summary>
    static abstract bool Shared { get; }

    /// <summary>A probe, not a rounding: every lane gets the constant word 0x8000_0000 (no hash), to time the rest.</summary>
    static abstract bool Constant { get; }
}

/// <summary>A hash per stream and element.</summary>
public readonly struct HashPerStream : IRandomBits
{
    public static bool Shared => false;

    public static bool Constant => false;
}

/// <summary>One hash per element for every two streams.</summary>
public readonly struct HashShared : IRandomBits
{
    public static bool Shared => true;

    public static bool Constant => false;
}

/// <summary>The probe: constant bits, no hash (what the bfloat16 loads, roundings and stores cost without it).</summary>
public readonly struct ConstantBits : IRandomBits
{
    public static bool Shared => true;

    public static bool Constant => true;
}
