using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// <see cref="BFloat16"/>: its layout, every pattern through float, round-to-nearest-even against the definition
/// (<see cref="SixteenBitGrid"/>), equality, constants and text.
/// </summary>
public sealed class BFloat16Tests
{
    private static readonly SixteenBitGrid Grid = SixteenBitGrid.BFloat16;

    [Fact]
    public void Is_two_bytes_and_reads_a_little_endian_bf16_tensor_in_place()
    {
        Assert.Equal(2, Unsafe.SizeOf<BFloat16>());
        Assert.Equal(2, Marshal.SizeOf<BFloat16>());

        // torch.tensor([1.0, -2.5, 0.1, inf], dtype=torch.bfloat16) as its storage holds it: 0x3F80, 0xC020, 0x3DCD
        // (0.1f is 0x3DCCCCCD, rounded up), 0x7F80, each little-endian.
        byte[] storage = [0x80, 0x3F, 0x20, 0xC0, 0xCD, 0x3D, 0x80, 0x7F];
        Span<BFloat16> values = MemoryMarshal.Cast<byte, BFloat16>(storage.AsSpan());

        Assert.Equal(4, values.Length);
        Assert.Equal(1f, (float)values[0]);
        Assert.Equal(-2.5f, (float)values[1]);
        Assert.Equal(0.10009765625f, (float)values[2]);
        Assert.Equal(float.PositiveInfinity, (float)values[3]);
        Assert.Equal((ushort)0x3DCD, ((BFloat16)0.1f).Bits);

        values[1] = (BFloat16)3f; // 0x4040
        Assert.Equal(new byte[] { 0x40, 0x40 }, storage[2..4]);
    }

    [Fact]
    public void Every_pattern_widens_to_the_float_of_its_bits_and_rounds_back_to_itself()
    {
        for (int pattern = 0; pattern <= ushort.MaxValue; pattern++)
        {
            BFloat16 value = BFloat16.FromBits((ushort)pattern);
            Assert.Equal((ushort)pattern, value.Bits);

            float widened = value;
            Assert.Equal((uint)pattern << 16, BitConverter.SingleToUInt32Bits(widened));

            if (float.IsNaN(widened))
            {
                // NaN stays NaN, its sign and payload kept and made quiet (already quiet: unchanged).
                Assert.Equal((ushort)(pattern | 0x0040), ((BFloat16)widened).Bits);
                Assert.Equal((ushort)(pattern | 0x0040), ((BFloat16)(double)widened).Bits);
                continue;
            }

            Assert.Equal((ushort)pattern, ((BFloat16)widened).Bits);
            Assert.Equal((ushort)pattern, ((BFloat16)(double)widened).Bits);
            Assert.Equal(Grid.SignedValue((ushort)pattern), (double)widened);
        }
    }

    public static TheoryData<uint> SpecialFloats() =>
    [
        0x0000_0000, 0x8000_0000, // ±0
        0x0000_0001, 0x8000_0001, 0x0000_7FFF, 0x0000_8000, 0x0000_8001, 0x0001_8000, 0x007F_FFFF, 0x007F_8000, // subnormals, ties among them
        0x0080_0000, 0x3F80_0000, 0x3F80_8000, 0x3F81_8000, 0x3F80_7FFF, 0x3F80_8001, // ties to even, just off them
        0x7F7F_0000, 0x7F7F_7FFF, 0x7F7F_8000, 0x7F7F_8001, 0x7F7F_FFFF, // MaxValue, the overflow boundary (a tie goes to ∞)
        0xFF7F_7FFF, 0xFF7F_8000, 0x7F7E_8000, 0x7F7E_8001,
        0x7F80_0000, 0xFF80_0000, // ±∞
    ];

    [Theory]
    [MemberData(nameof(SpecialFloats))]
    public void Rounds_special_values_ties_and_the_overflow_boundary_as_the_definition_does(uint bits)
    {
        float x = BitConverter.UInt32BitsToSingle(bits);
        Assert.Equal(Grid.RoundToNearestEven(x), ((BFloat16)x).Bits);
        Assert.Equal(Grid.RoundToNearestEven(x), ((BFloat16)(double)x).Bits);
    }

    [Fact]
    public void Overflows_from_half_a_unit_above_MaxValue_as_IEEE_rounding_does()
    {
        Assert.Equal(BFloat16.MaxValue.Bits, ((BFloat16)BitConverter.UInt32BitsToSingle(0x7F7F_7FFF)).Bits);
        Assert.Equal(BFloat16.PositiveInfinity.Bits, ((BFloat16)BitConverter.UInt32BitsToSingle(0x7F7F_8000)).Bits);
        Assert.Equal(BFloat16.NegativeInfinity.Bits, ((BFloat16)float.MinValue).Bits);
        Assert.Equal(BFloat16.PositiveInfinity.Bits, ((BFloat16)1e300).Bits);

        // In double, the same boundary: 2¹²⁸ − 2¹¹⁹ is the tie, just below it is MaxValue.
        double tie = Math.ScaleB(1, 128) - Math.ScaleB(1, 119);
        Assert.Equal(BFloat16.PositiveInfinity.Bits, ((BFloat16)tie).Bits);
        Assert.Equal(BFloat16.MaxValue.Bits, ((BFloat16)Math.BitDecrement(tie)).Bits);
    }

    [Fact]
    public void Rounds_millions_of_random_floats_as_the_definition_does()
    {
        var random = new Random(1613);
        for (int i = 0; i < 2_000_000; i++)
        {
            uint bits = (uint)random.NextInt64(0, 1L << 32);
            if (i % 4 == 1)
            {
                bits = (bits & 0xFFFF_0000) | 0x8000; // a tie
            }
            else if (i % 4 == 2)
            {
                bits = (bits & 0xFFFF_0000) | (uint)(0x8000 + random.Next(-2, 3)); // beside one
            }

            float x = BitConverter.UInt32BitsToSingle(bits);
            if (float.IsNaN(x))
            {
                Assert.True(float.IsNaN((BFloat16)x));
                continue;
            }

            ushort expected = Grid.RoundToNearestEven(x);
            ushort actual = ((BFloat16)x).Bits;
            if (actual != expected)
            {
                Assert.Fail($"0x{bits:X8} ({x:R}): expected 0x{expected:X4}, got 0x{actual:X4}");
            }
        }
    }

    [Fact]
    public void Rounds_doubles_correctly_where_going_through_float_would_round_twice()
    {
        // Just above a tie of bfloat16: float rounds it onto the tie, which then goes to even (down); the double
        // itself is nearer the value above.
        double justAboveTie = 1 + Math.ScaleB(1, -8) + Math.ScaleB(1, -40);
        Assert.Equal((ushort)0x3F80, ((BFloat16)(float)justAboveTie).Bits);
        Assert.Equal((ushort)0x3F81, ((BFloat16)justAboveTie).Bits);

        var random = new Random(52);
        for (int i = 0; i < 1_000_000; i++)
        {
            double x = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (i % 3 == 1)
            {
                // A bfloat16 tie moved by a few units of a double, anywhere in the range (subnormal ties and the
                // overflow boundary included), of either sign.
                int pattern = random.Next(0, 0x7F80);
                double tie = (Grid.Value(pattern) + Grid.Value(pattern + 1)) / 2;
                x = (tie + (Math.ScaleB(tie, -50) * random.Next(-3, 4))) * (random.Next(2) == 0 ? 1 : -1);
            }
            else if (i % 3 == 2)
            {
                x = Math.ScaleB(random.NextDouble() - 0.5, random.Next(-150, 130));
            }

            if (double.IsNaN(x))
            {
                continue;
            }

            ushort expected = Grid.RoundToNearestEven(x);
            ushort actual = ((BFloat16)x).Bits;
            if (actual != expected)
            {
                Assert.Fail($"{x:R} (0x{BitConverter.DoubleToUInt64Bits(x):X16}): expected 0x{expected:X4}, got 0x{actual:X4}");
            }
        }
    }

    [Fact]
    public void NaN_stays_a_quiet_NaN_with_its_sign_whatever_its_payload()
    {
        foreach (uint bits in new uint[] { 0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7F80_FFFF, 0x7FFF_FFFF, 0xFFA0_1234 })
        {
            float x = BitConverter.UInt32BitsToSingle(bits);
            BFloat16 rounded = (BFloat16)x;
            Assert.True(float.IsNaN(rounded), $"0x{bits:X8}");
            Assert.Equal((ushort)((bits >> 16) | 0x0040), rounded.Bits);
            Assert.Equal(float.IsNegative(x), float.IsNegative(rounded));
        }

        Assert.True(float.IsNaN((BFloat16)double.NaN));
        Assert.Equal(BFloat16.NaN.Bits, ((BFloat16)float.NaN).Bits);
        Assert.Equal((ushort)0x7FC0, ((BFloat16)BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0000)).Bits);
        Assert.Equal((ushort)0xFFC0, ((BFloat16)BitConverter.UInt64BitsToDouble(0xFFF0_0000_0000_0001)).Bits); // signalling, low payload
        Assert.Equal((ushort)0x7FE5, ((BFloat16)BitConverter.UInt64BitsToDouble(0x7FF4_A000_0000_0000)).Bits); // the payload's top kept
    }

    [Fact]
    public void Equality_is_IEEE_for_the_operators_and_finds_NaN_for_Equals_as_Half_does()
    {
        BFloat16 nan = BFloat16.NaN, sameNaN = BFloat16.NaN, otherNaN = BFloat16.FromBits(0x7FC1);
        BFloat16 zero = BFloat16.Zero, negativeZero = BFloat16.FromBits(0x8000);

        Assert.False(nan == sameNaN);
        Assert.True(nan != sameNaN);
        Assert.True(nan.Equals(sameNaN));
        Assert.True(nan.Equals(otherNaN));
        Assert.Equal(nan.GetHashCode(), otherNaN.GetHashCode());

        Assert.True(zero == negativeZero);
        Assert.True(zero.Equals(negativeZero));
        Assert.Equal(zero.GetHashCode(), negativeZero.GetHashCode());

        Assert.True(BFloat16.One == (BFloat16)1f);
        Assert.False(BFloat16.One == BFloat16.Zero);
        Assert.True(BFloat16.One.Equals((object)(BFloat16)1.0));
        Assert.False(BFloat16.One.Equals((object)1f));

        // The same choices as System.Half.
        Assert.Equal(Half.NaN == Half.NaN, nan == sameNaN);
        Assert.Equal(Half.NaN.Equals(Half.NaN), nan.Equals(sameNaN));
        Assert.Equal(Half.Zero.Equals(Half.NegativeZero), zero.Equals(negativeZero));

        var set = new HashSet<BFloat16> { nan, zero };
        Assert.Contains(otherNaN, set);
        Assert.Contains(negativeZero, set);
    }

    [Fact]
    public void Constants_are_the_upper_halves_of_the_float_constants_where_float_has_them()
    {
        Assert.Equal((ushort)0xFFC0, BFloat16.NaN.Bits);
        Assert.Equal(BitConverter.SingleToUInt32Bits(float.NaN) >> 16, BFloat16.NaN.Bits);
        Assert.Equal(float.PositiveInfinity, (float)BFloat16.PositiveInfinity);
        Assert.Equal(float.NegativeInfinity, (float)BFloat16.NegativeInfinity);
        Assert.Equal(Math.ScaleB(1, -133), (double)BFloat16.Epsilon);
        Assert.Equal(Math.ScaleB(255, 120), (double)BFloat16.MaxValue);
        Assert.Equal(-Math.ScaleB(255, 120), (double)BFloat16.MinValue);
        Assert.Equal((ushort)0, BFloat16.Zero.Bits);
        Assert.Equal(0u, BitConverter.SingleToUInt32Bits(BFloat16.Zero));
        Assert.Equal(1f, (float)BFloat16.One);
        Assert.Equal(default(BFloat16).Bits, BFloat16.Zero.Bits);
    }

    [Fact]
    public void Every_finite_value_prints_as_its_shortest_text_that_converts_back()
    {
        for (int pattern = 0; pattern <= ushort.MaxValue; pattern++)
        {
            BFloat16 value = BFloat16.FromBits((ushort)pattern);
            if (float.IsNaN(value))
            {
                Assert.Equal("NaN", value.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            string text = value.ToString(CultureInfo.InvariantCulture);
            if (!float.IsFinite(value))
            {
                Assert.Equal(float.IsNegative(value) ? "-Infinity" : "Infinity", text);
                continue;
            }

            BFloat16 parsed = (BFloat16)double.Parse(text, CultureInfo.InvariantCulture);
            if (parsed.Bits != pattern)
            {
                Assert.Fail($"0x{pattern:X4} prints as \"{text}\", which converts to 0x{parsed.Bits:X4}");
            }

            // bfloat16 never needs more than 4 significant digits, and when it needs n, n − 1 do not do: the
            // nearest decimal of n − 1 digits converts to another value.
            int digits = SignificantDigits(text);
            Assert.True(digits <= 4, $"0x{pattern:X4} prints as \"{text}\"");
            if (digits > 1)
            {
                string shorter = ((double)value).ToString("E" + (digits - 2), CultureInfo.InvariantCulture);
                Assert.NotEqual((ushort)pattern, ((BFloat16)double.Parse(shorter, CultureInfo.InvariantCulture)).Bits);
            }
        }
    }

    [Fact]
    public void Prints_as_float_prints_in_the_given_culture_and_format()
    {
        var invariant = CultureInfo.InvariantCulture;
        Assert.Equal("0.1", ((BFloat16)0.1f).ToString(invariant));
        Assert.Equal("1", BFloat16.One.ToString(invariant));
        Assert.Equal("-2.5", ((BFloat16)(-2.5f)).ToString(invariant));
        Assert.Equal("3.39E+38", BFloat16.MaxValue.ToString(invariant));
        Assert.Equal("9E-41", BFloat16.Epsilon.ToString(invariant));
        Assert.Equal("1E+10", ((BFloat16)1e10f).ToString(invariant));
        Assert.Equal("-0", BFloat16.FromBits(0x8000).ToString(invariant));
        Assert.Equal("Infinity", BFloat16.PositiveInfinity.ToString(invariant));
        Assert.Equal("-Infinity", BFloat16.NegativeInfinity.ToString(invariant));

        // The round-trip formats are the shortest text; any other format shows the exact value, as float's does.
        Assert.Equal("0.1", ((BFloat16)0.1f).ToString("R", invariant));
        Assert.Equal("0.1", ((BFloat16)0.1f).ToString("G", invariant));
        Assert.Equal("0.10010", ((BFloat16)0.1f).ToString("F5", invariant));
        Assert.Equal("1.0009765625E-001", ((BFloat16)0.1f).ToString("E10", invariant));

        var comma = new NumberFormatInfo { NumberDecimalSeparator = "," };
        Assert.Equal("0,1", ((BFloat16)0.1f).ToString(comma));
        Assert.Equal("0,10", ((BFloat16)0.1f).ToString("F2", comma));

        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = invariant;
            Assert.Equal("0.1", ((BFloat16)0.1f).ToString());
            Assert.Equal("0.1", $"{(BFloat16)0.1f}");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static int SignificantDigits(string text)
    {
        string mantissa = text.Split('E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return Math.Max(1, mantissa.TrimEnd('0').Length);
    }
}
