using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim;

/// <summary>
/// A bfloat16 ("brain float"): the upper 16 bits of an IEEE binary32 <see cref="float"/>, with its sign, its 8-bit
/// exponent (so its range) and the top 7 bits of its significand.
/// </summary>
/// <remarks>
/// <para>
/// Two bytes, one <see cref="ushort"/>, laid out as the bf16 tensors of PyTorch, JAX and safetensors files
/// (<c>BF16</c>) store them, little-endian: a <see cref="Span{T}"/> of bytes from such a tensor can be reinterpreted
/// as <see cref="BFloat16"/> values with <see cref="MemoryMarshal.Cast{TFrom, TTo}(Span{TFrom})"/>.
/// </para>
/// <para>
/// .NET 10 has no bfloat16 type; .NET 11 adds <c>System.Numerics.BFloat16</c>, which this type follows where it has
/// the same members (the constants, the conversions' rounding, <see cref="Equals(BFloat16)"/> and <c>==</c>,
/// <see cref="ToString()"/>), so code can move to it. Two differences: this type converts to <see cref="float"/>
/// implicitly (the conversion is exact), where .NET 11's needs a cast, and it exposes its bits as
/// <see cref="FromBits"/> and <see cref="Bits"/>, where .NET 11 has <c>BitConverter.UInt16BitsToBFloat16</c> and
/// <c>BitConverter.BFloat16ToUInt16Bits</c>. Arithmetic goes
/// through <see cref="float"/>: <c>(BFloat16)(a + b)</c> adds the two exactly widened values and rounds once.
/// </para>
/// <para>
/// Equality follows <see cref="Half"/>: <c>==</c> is IEEE equality (NaN equals nothing, +0 equals −0), while
/// <see cref="Equals(BFloat16)"/> also treats every NaN as equal to every NaN, so a NaN can be found in a collection;
/// neither compares the bits (<see cref="Bits"/> does).
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = sizeof(ushort))]
public readonly struct BFloat16 : IEquatable<BFloat16>, IFormattable
{
    private const ushort SignMask = 0x8000;
    private const ushort PositiveInfinityBits = 0x7F80;

    /// <summary>The quiet bit of a NaN: the significand's top bit.</summary>
    private const ushort QuietBit = 0x0040;

    /// <summary>The 16 bits of a <see cref="float"/> that a bfloat16 drops.</summary>
    private const int DroppedBits = 16;

    private readonly ushort _bits;

    private BFloat16(ushort bits) => _bits = bits;

    /// <summary>The value's 16 bits: sign, 8-bit exponent, 7-bit significand.</summary>
    public ushort Bits => _bits;

    /// <summary>A not-a-number: the upper half of <see cref="float.NaN"/> (negative and quiet, 0xFFC0).</summary>
    public static BFloat16 NaN => new(0xFFC0);

    /// <summary>Positive infinity (0x7F80).</summary>
    public static BFloat16 PositiveInfinity => new(PositiveInfinityBits);

    /// <summary>Negative infinity (0xFF80).</summary>
    public static BFloat16 NegativeInfinity => new(0xFF80);

    /// <summary>The smallest positive value, a subnormal: 2⁻¹³³ ≈ 9.2·10⁻⁴¹ (0x0001).</summary>
    public static BFloat16 Epsilon => new(0x0001);

    /// <summary>The largest finite value: (2 − 2⁻⁷)·2¹²⁷ ≈ 3.39·10³⁸ (0x7F7F).</summary>
    public static BFloat16 MaxValue => new(0x7F7F);

    /// <summary>The most negative finite value: −<see cref="MaxValue"/> (0xFF7F).</summary>
    public static BFloat16 MinValue => new(0xFF7F);

    /// <summary>Positive zero (0x0000).</summary>
    public static BFloat16 Zero => new(0x0000);

    /// <summary>One (0x3F80).</summary>
    public static BFloat16 One => new(0x3F80);

    /// <summary>The value whose bits are <paramref name="bits"/> (any pattern: NaN payloads are kept as they are).</summary>
    public static BFloat16 FromBits(ushort bits) => new(bits);

    /// <summary>
    /// Rounds <paramref name="value"/> to the nearest bfloat16, ties to the one with an even significand, as IEEE
    /// rounding does: beyond <see cref="MaxValue"/> by half a unit in its last place or more (from 2¹²⁸ − 2¹¹⁹) it
    /// is an infinity of its sign. A NaN stays NaN with its sign and the top of its payload, made quiet.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator BFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            // Truncating a NaN could leave only zero significand bits, an infinity: keep it a NaN by making it quiet.
            return new BFloat16((ushort)((bits >> DroppedBits) | QuietBit));
        }

        // Round half to even on the magnitude's bits: add just under half, plus one when the kept part is odd, and
        // truncate. A carry moves into the exponent as it should, MaxValue's neighbourhood into infinity included;
        // an infinity has no dropped bits and stays itself.
        uint odd = (bits >> DroppedBits) & 1;
        return new BFloat16((ushort)((bits + 0x7FFFu + odd) >> DroppedBits));
    }

    /// <summary>
    /// Rounds <paramref name="value"/> to the nearest bfloat16, ties to even, straight from the double: not through
    /// <see cref="float"/>, whose own rounding could move a value onto a tie (or off one) and round it the wrong way.
    /// Overflow and NaN as for <see cref="explicit operator BFloat16(float)"/>.
    /// </summary>
    public static explicit operator BFloat16(double value)
    {
        if (double.IsNaN(value))
        {
            // float keeps a double NaN's sign and the top of its payload (quiet), which is all a bfloat16 can hold.
            return (BFloat16)(float)value;
        }

        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        ushort sign = (ushort)((bits >> 48) & SignMask);
        ulong magnitude = bits & ~(1UL << 63);
        ushort rounded;
        if (magnitude < SmallestNormalAsDouble)
        {
            // Below bfloat16's normal range the unit is fixed, 2⁻¹³³: scale by 2¹³³ (exact) and round to an integer,
            // which is the result's bits (128, the smallest normal, included).
            double units = Math.ScaleB(BitConverter.UInt64BitsToDouble(magnitude), 133);
            rounded = (ushort)Math.Round(units, MidpointRounding.ToEven);
        }
        else
        {
            // Rebias the exponent from double's (1023) to bfloat16's (127), then round half to even on the 45 bits
            // dropped from double's 52-bit significand, as for float; past bfloat16's exponents it is infinity.
            const int Dropped = 52 - 7;
            ulong rebiased = magnitude - ((ulong)(1023 - 127) << 52);
            ulong odd = (rebiased >> Dropped) & 1;
            ulong result = (rebiased + ((1UL << (Dropped - 1)) - 1) + odd) >> Dropped;
            rounded = (ushort)Math.Min(result, PositiveInfinityBits);
        }

        return new BFloat16((ushort)(sign | rounded));
    }

    /// <summary>The <see cref="float"/> with the same value (exact: the bits, followed by 16 zero bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value._bits << DroppedBits);

    /// <summary>IEEE equality: false if either is NaN, true for +0 and −0.</summary>
    public static bool operator ==(BFloat16 left, BFloat16 right) => (float)left == (float)right;

    /// <summary>IEEE inequality: true if either is NaN, false for +0 and −0.</summary>
    public static bool operator !=(BFloat16 left, BFloat16 right) => (float)left != (float)right;

    /// <summary>
    /// Whether <paramref name="other"/> is the same value: as <c>==</c>, except that a NaN equals every NaN
    /// (whatever their payloads), as <see cref="Half.Equals(Half)"/> and <see cref="float.Equals(float)"/> do.
    /// </summary>
    public bool Equals(BFloat16 other) => ((float)this).Equals((float)other);

    /// <inheritdoc cref="Equals(BFloat16)"/>
    public override bool Equals(object? obj) => obj is BFloat16 other && Equals(other);

    /// <summary>A hash consistent with <see cref="Equals(BFloat16)"/>: +0 and −0 hash alike, and so do all NaNs.</summary>
    public override int GetHashCode() => ((float)this).GetHashCode();

    /// <summary>
    /// The shortest text that converts back to this value (<c>(BFloat16)double.Parse(text)</c>), written as
    /// <see cref="float.ToString()"/> writes numbers, in the current culture: <c>0.1</c> for <c>(BFloat16)0.1f</c>,
    /// whose exact value is 0.10009765625.
    /// </summary>
    public override string ToString() => ToString(null, null);

    /// <summary>As <see cref="ToString()"/>, in the culture <paramref name="provider"/> (the invariant culture for text other programs read).</summary>
    public string ToString(IFormatProvider? provider) => ToString(null, provider);

    /// <summary>
    /// Formats the value as <see cref="float.ToString(string?, IFormatProvider?)"/> formats the same value, except
    /// that the general and round-trip formats (none, <c>G</c> or <c>R</c>) give the shortest text that converts
    /// back to this bfloat16, rather than to the float.
    /// </summary>
    public string ToString(string? format, IFormatProvider? provider)
    {
        float value = this;
        if (IsShortestRoundTrip(format) && float.IsFinite(value) && value != 0)
        {
            value = ShortestRoundTrip(value);
        }

        return value.ToString(format, provider);
    }

    /// <summary>2⁻¹²⁶, bfloat16's (and float's) smallest normal value, as a double's bits.</summary>
    private const ulong SmallestNormalAsDouble = (ulong)(1023 - 126) << 52;

    private static bool IsShortestRoundTrip(string? format) =>
        string.IsNullOrEmpty(format) || format is "G" or "g" or "R" or "r";

    /// <summary>
    /// The float nearest the shortest decimal that rounds back to <paramref name="value"/> as a bfloat16. float's own
    /// shortest text of that float is the decimal itself: bfloat16 needs at most 4 significant digits, and other
    /// decimals of 4 digits or fewer are farther from it than a float's spacing.
    /// </summary>
    private static float ShortestRoundTrip(float value)
    {
        ushort bits = ((BFloat16)value)._bits;
        for (int digits = 1; digits < 9; digits++)
        {
            string text = ((double)value).ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            double parsed = double.Parse(text, CultureInfo.InvariantCulture);
            if (((BFloat16)parsed)._bits == bits)
            {
                return (float)parsed;
            }
        }

        return value;
    }
}
