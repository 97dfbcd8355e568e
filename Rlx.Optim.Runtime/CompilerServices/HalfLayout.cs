using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Where <see cref="System.Half"/>'s fields sit against a float's: the constants its roundings
/// (<see cref="StochasticRounding"/>, <see cref="NearestRounding"/>) count with, and the steps they share around the
/// rounding itself (<see cref="Units(Vector512{uint}, out Vector512{uint})"/>, then <see cref="Compose(Vector512{uint}, Vector512{uint})"/>).
/// </summary>
internal static class HalfLayout
{
    private const uint FloatMagnitudeMask = 0x7FFF_FFFF;
    private const uint FloatExponentMask = 0x7F80_0000;

    /// <summary>65536 (2¹⁶) as float bits: every magnitude from there on, ∞ included, rounds to half's ∞.</summary>
    public const uint HalfOverflowBits = 0x4780_0000;

    /// <summary>The float exponent field of 2⁻¹⁴, half's smallest normal exponent: below it the gap stays 2⁻²⁴.</summary>
    public const uint HalfMinExponentField = 113u << 23;

    /// <summary>
    /// Subtracting the exponent field of 2^e from this gives the bits of 2^(10 − e), the scale that counts a
    /// magnitude in units of half's gap at that exponent: (127 + 10 − e) + (127 + e) = 264.
    /// </summary>
    public const uint HalfScaleFieldBase = 264u << 23;

    public const uint HalfPositiveInfinityBits = 0x7C00;

    /// <summary>A half NaN's exponent and quiet bit; the float's sign and the top 10 bits of its payload complete it, as <c>(Half)x</c> does.</summary>
    public const uint HalfQuietNaNBits = 0x7E00;

    /// <summary>
    /// Each lane's magnitude counted in units of half's gap at its exponent (at least half's smallest normal
    /// exponent; magnitudes from 65536 on, ∞ and NaN included, as 65536): a power-of-two scale, so exact. The caller
    /// rounds the units to whole ones, and <paramref name="exponentBits"/> plus those is the half's magnitude bits,
    /// where a carry moves into the next exponent and 65504's into ∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Units(Vector512<uint> bits, out Vector512<uint> exponentBits)
    {
        Vector512<uint> clamped = Vector512.Min(bits & Vector512.Create(FloatMagnitudeMask), Vector512.Create(HalfOverflowBits));
        Vector512<uint> exponentField = Vector512.Max(clamped & Vector512.Create(FloatExponentMask), Vector512.Create(HalfMinExponentField));
        exponentBits = ((exponentField >>> 23) - Vector512.Create(113u)) << 10;
        return clamped.AsSingle() * (Vector512.Create(HalfScaleFieldBase) - exponentField).AsSingle();
    }

    /// <inheritdoc cref="Units(Vector512{uint}, out Vector512{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Units(Vector<uint> bits, out Vector<uint> exponentBits)
    {
        Vector<uint> clamped = Vector.Min(bits & new Vector<uint>(FloatMagnitudeMask), new Vector<uint>(HalfOverflowBits));
        Vector<uint> exponentField = Vector.Max(clamped & new Vector<uint>(FloatExponentMask), new Vector<uint>(HalfMinExponentField));
        exponentBits = Vector.ShiftLeft(Vector.ShiftRightLogical(exponentField, 23) - new Vector<uint>(113u), 10);
        return Vector.AsVectorSingle(clamped) * Vector.AsVectorSingle(new Vector<uint>(HalfScaleFieldBase) - exponentField);
    }

    /// <summary>
    /// Each lane's half bits in its low half, from the float's <paramref name="bits"/> and the rounded magnitude
    /// <paramref name="half"/>: the float's sign, ∞ for a magnitude past the largest finite half, and for a NaN a quiet
    /// NaN with the float's sign and the top 10 bits of its payload, as <c>(Half)x</c> gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Compose(Vector512<uint> bits, Vector512<uint> half)
    {
        Vector512<uint> sign = (bits >>> 16) & Vector512.Create(0x8000u);
        Vector512<uint> nan = sign | Vector512.Create(HalfQuietNaNBits) | ((bits >>> 13) & Vector512.Create(0x3FFu));
        Vector512<uint> rounded = sign | Vector512.Min(half, Vector512.Create(HalfPositiveInfinityBits));
        Vector512<uint> isNaN = Vector512.GreaterThan(bits & Vector512.Create(FloatMagnitudeMask), Vector512.Create(FloatExponentMask));
        return Vector512.ConditionalSelect(isNaN, nan, rounded);
    }

    /// <inheritdoc cref="Compose(Vector512{uint}, Vector512{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> Compose(Vector<uint> bits, Vector<uint> half)
    {
        Vector<uint> sign = Vector.ShiftRightLogical(bits, 16) & new Vector<uint>(0x8000u);
        Vector<uint> nan = sign | new Vector<uint>(HalfQuietNaNBits) | (Vector.ShiftRightLogical(bits, 13) & new Vector<uint>(0x3FFu));
        Vector<uint> rounded = sign | Vector.Min(half, new Vector<uint>(HalfPositiveInfinityBits));
        Vector<uint> isNaN = Vector.GreaterThan(bits & new Vector<uint>(FloatMagnitudeMask), new Vector<uint>(FloatExponentMask));
        return Vector.ConditionalSelect(isNaN, nan, rounded);
    }
}
