using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim;

/// <summary>Small vector helpers the generated kernels share.</summary>
public static class KernelMath
{
    private const uint MagnitudeMask = 0x7FFF_FFFF;
    private const uint LargestSubnormal = 0x007F_FFFF;

    /// <summary>Added to a lane's magnitude bits: 1 (the smallest subnormal) becomes <see cref="int.MinValue"/>.</summary>
    private const int SubnormalKeyOffset = int.MaxValue;

    /// <summary>The key of the smallest normal float's bits, 0x800000: subnormal keys are below it.</summary>
    private const int SubnormalKeyLimit = unchecked((int)0x807F_FFFF);

    /// <summary>All bits set in the lanes of <paramref name="x"/> that are subnormal (nonzero, below float's normal range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> IsSubnormal(Vector<float> x) =>
        Vector.AsVectorSingle(Vector.LessThan(MagnitudeMinusOne(x), new Vector<uint>(LargestSubnormal)));

    /// <inheritdoc cref="IsSubnormal(Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> IsSubnormal(Vector512<float> x) =>
        Vector512.LessThan(MagnitudeMinusOne(x), Vector512.Create(LargestSubnormal)).AsSingle();

    /// <summary>Whether <paramref name="x"/> is subnormal (nonzero, below float's normal range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSubnormal(float x) => (BitConverter.SingleToUInt32Bits(x) & MagnitudeMask) - 1 < LargestSubnormal;

    /// <summary>Whether any lane of <paramref name="m"/> (any sign) or of <paramref name="v"/> (never negative) is subnormal.</summary>
    /// <remarks>
    /// The hot-loop test, a handful of integer operations that feed the branch directly, no mask kept. Each lane's
    /// magnitude bits plus 0x7FFFFFFF, as a signed integer, is below <see cref="SubnormalKeyLimit"/> exactly for the
    /// subnormals 1..0x7FFFFF (wrap-around sends them to the bottom, zero to the top); the minimum of the two keys
    /// is below it exactly when either is. A second moment is never negative, so its sign bit needs no masking (a
    /// NaN or zero with the sign bit set still compares as not subnormal).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySubnormal(Vector<float> m, Vector<float> v) =>
        Vector.LessThanAny(
            Vector.Min(
                Vector.AsVectorInt32(Vector.AsVectorUInt32(m) & new Vector<uint>(MagnitudeMask)) + new Vector<int>(SubnormalKeyOffset),
                Vector.AsVectorInt32(v) + new Vector<int>(SubnormalKeyOffset)),
            new Vector<int>(SubnormalKeyLimit));

    /// <inheritdoc cref="AnySubnormal(Vector{float}, Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnySubnormal(Vector512<float> m, Vector512<float> v) =>
        Vector512.LessThanAny(
            Vector512.Min(
                (m.AsInt32() & Vector512.Create(SubnormalKeyOffset)) + Vector512.Create(SubnormalKeyOffset),
                v.AsInt32() + Vector512.Create(SubnormalKeyOffset)),
            Vector512.Create(SubnormalKeyLimit));

    /// <summary>
    /// The sign of each lane: 1, −1, or the zero itself (±0), and NaN for NaN, so a NaN direction reaches the
    /// parameter instead of freezing it (Lion).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sign<T>(Vector<T> x)
        where T : IFloatingPointIeee754<T>
    {
        Vector<T> unit = Vector.ConditionalSelect(Vector.Equals(x, Vector<T>.Zero), x, Vector<T>.One);
        Vector<T> signed = Vector.CopySign(unit, x);
        return Vector.ConditionalSelect(Vector.Equals(x, x), signed, x);
    }

    /// <inheritdoc cref="Sign{T}(Vector{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sign<T>(Vector512<T> x)
        where T : IFloatingPointIeee754<T>
    {
        Vector512<T> unit = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<T>.Zero), x, Vector512<T>.One);
        Vector512<T> signed = Vector512.CopySign(unit, x);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), signed, x);
    }

    /// <summary>
    /// The magnitude's bits minus one: below 0x7FFFFF exactly for the subnormals 1..0x7FFFFF, since unsigned
    /// wrap-around sends zero to the top.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> MagnitudeMinusOne(Vector<float> x) =>
        (Vector.AsVectorUInt32(x) & new Vector<uint>(MagnitudeMask)) - Vector<uint>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> MagnitudeMinusOne(Vector512<float> x) =>
        (x.AsUInt32() & Vector512.Create(MagnitudeMask)) - Vector512<uint>.One;
}
