using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;
using Rlx.Optim.Tests.Numerics;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// Stochastic rounding of float to bfloat16 and half: against the definition (<see cref="SixteenBitGrid"/>), exactly
/// unbiased over every value of the random bits it consumes, and the vector overloads lane for lane the scalar ones.
/// </summary>
public sealed class StochasticRoundingTests
{
    private static readonly SixteenBitGrid BFloat16Grid = SixteenBitGrid.BFloat16;
    private static readonly SixteenBitGrid HalfGrid = SixteenBitGrid.Half;

    /// <summary>Floats at every boundary the two roundings have, both signs added by the tests that use them.</summary>
    internal static readonly uint[] BoundaryBits =
    [
        0x0000_0000, 0x0000_0001, 0x0000_FFFF, 0x0001_0000, 0x0001_8000, 0x007F_FFFF, 0x0080_0000, 0x0080_0001, // float and bfloat16 subnormals
        0x3F80_0000, 0x3F80_0001, 0x3F80_FFFF, 0x3F81_0000, 0x3F7F_FFFF, 0x3FFF_FFFF, // one, its neighbours, a binade's end
        0x7F7F_0000, 0x7F7F_0001, 0x7F7F_8000, 0x7F7F_FFFF, // bfloat16's MaxValue and the floats above it
        0x7F80_0000, 0x7FC0_0000, 0x7F80_0001, 0x7FFF_FFFF, 0x7FA0_1234, // ∞ and NaNs (quiet, signalling, payloads)
        0x477F_E000, 0x477F_E001, 0x477F_EFFF, 0x477F_F000, 0x477F_FFFF, 0x4780_0000, 0x4780_0001, 0x4B00_0000, // 65504 .. 65536 and beyond
        0x3880_0000, 0x387F_FFFF, 0x3880_0001, 0x3880_1000, // half's smallest normal, 2⁻¹⁴, and beside it
        0x3380_0000, 0x3380_0001, 0x337F_FFFF, 0x3300_0000, 0x3300_0001, 0x32FF_FFFF, // 2⁻²⁴ (half's Epsilon), 2⁻²⁵
        0x2F00_0000, 0x2F00_0001, 0x2E80_0001, 0x2380_0000, 0x2380_0001, // 2⁻³³ (exact from here up), just below, 2⁻⁵⁶
        0x3DCC_CCCD, 0x3A83_126F, 0x3C23_D70A, // 0.1, 0.001, 0.01
    ];

    [Fact]
    public void BFloat16_gives_one_of_the_two_neighbours_and_leaves_exact_values_alone()
    {
        var random = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            float x = RandomFloat(random, i);
            uint bits = (uint)random.NextInt64(0, 1L << 32);
            BFloat16 rounded = StochasticRounding.ToBFloat16(x, bits);
            if (float.IsNaN(x))
            {
                Assert.Equal(((BFloat16)x).Bits, rounded.Bits); // quiet, sign and payload's top kept
                continue;
            }

            (ushort towardZero, ushort awayFromZero, double probability) = BFloat16Grid.StochasticChoices(x);
            Assert.True(rounded.Bits == towardZero || rounded.Bits == awayFromZero, $"{x:R}: 0x{rounded.Bits:X4}");
            if (probability == 0)
            {
                Assert.Equal(towardZero, rounded.Bits);
            }
        }

        for (int pattern = 0; pattern <= ushort.MaxValue; pattern++)
        {
            float exact = BFloat16.FromBits((ushort)pattern);
            ushort expected = float.IsNaN(exact) ? (ushort)(pattern | 0x0040) : (ushort)pattern;
            foreach (uint bits in new uint[] { 0, uint.MaxValue, 0x8000_0000, (uint)pattern * 2654435761u })
            {
                Assert.Equal(expected, StochasticRounding.ToBFloat16(exact, bits).Bits);
            }
        }
    }

    public static TheoryData<uint> BoundaryValues()
    {
        var data = new TheoryData<uint>();
        foreach (uint bits in BoundaryBits)
        {
            data.Add(bits);
            data.Add(bits | 0x8000_0000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoundaryValues))]
    public void BFloat16_is_exactly_unbiased_over_all_16_bits_it_consumes(uint bits)
    {
        float x = BitConverter.UInt32BitsToSingle(bits);
        if (!float.IsFinite(x))
        {
            Assert.Equal(((BFloat16)x).Bits, StochasticRounding.ToBFloat16(x, 0x1234_5678).Bits);
            return;
        }

        AssertExactlyUnbiased(BFloat16Grid, x, consumedBits: 16, r => StochasticRounding.ToBFloat16(x, r).Bits);
    }

    [Fact]
    public void BFloat16_is_exactly_unbiased_for_random_floats()
    {
        var random = new Random(17);
        for (int i = 0; i < 300; i++)
        {
            float x = RandomFloat(random, i);
            if (float.IsFinite(x))
            {
                AssertExactlyUnbiased(BFloat16Grid, x, consumedBits: 16, r => StochasticRounding.ToBFloat16(x, r).Bits);
            }
        }
    }

    [Fact]
    public void Half_gives_one_of_the_two_neighbours_and_leaves_exact_values_alone()
    {
        var random = new Random(6);
        for (int i = 0; i < 200_000; i++)
        {
            float x = RandomFloat(random, i);
            uint bits = (uint)random.NextInt64(0, 1L << 32);
            ushort rounded = BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x, bits));
            if (float.IsNaN(x))
            {
                Assert.Equal(BitConverter.HalfToUInt16Bits((Half)x), rounded); // what the conversion gives
                continue;
            }

            (ushort towardZero, ushort awayFromZero, double probability) = HalfGrid.StochasticChoices(x);
            Assert.True(rounded == towardZero || rounded == awayFromZero, $"{x:R}: 0x{rounded:X4}");
            if (probability == 0)
            {
                Assert.Equal(towardZero, rounded);
            }
        }

        for (int pattern = 0; pattern <= ushort.MaxValue; pattern++)
        {
            Half exact = BitConverter.UInt16BitsToHalf((ushort)pattern);
            ushort expected = BitConverter.HalfToUInt16Bits(Half.IsNaN(exact) ? (Half)(float)exact : exact);
            foreach (uint bits in new uint[] { 0, uint.MaxValue, 0x8000_0000, (uint)pattern * 2654435761u })
            {
                Assert.Equal(expected, BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf((float)exact, bits)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(BoundaryValues))]
    public void Half_is_exactly_unbiased_over_the_bits_it_consumes(uint bits)
    {
        float x = BitConverter.UInt32BitsToSingle(bits);
        if (!float.IsFinite(x))
        {
            Assert.Equal(BitConverter.HalfToUInt16Bits((Half)x), BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x, 0x1234_5678)));
            return;
        }

        int consumed = HalfConsumedBits(x);
        if (consumed <= 22)
        {
            AssertExactlyUnbiased(HalfGrid, x, consumed, r => BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x, r)));
        }
        else
        {
            AssertHalfThreshold(x);
        }
    }

    [Fact]
    public void Half_is_exactly_unbiased_for_random_floats_in_and_below_its_range()
    {
        var random = new Random(19);
        for (int i = 0; i < 300; i++)
        {
            // Magnitudes from 2⁻⁴⁰ to 2¹⁷: below half's subnormals, through them, the normal range and past 65504.
            float x = MathF.ScaleB(1f + random.NextSingle(), random.Next(-40, 17)) * (random.Next(2) == 0 ? 1 : -1);
            int consumed = HalfConsumedBits(x);
            if (consumed <= 20)
            {
                AssertExactlyUnbiased(HalfGrid, x, consumed, r => BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x, r)));
            }
            else
            {
                AssertHalfThreshold(x);
            }
        }
    }

    [Fact]
    public void Half_overflows_as_documented()
    {
        // 65504 is half's largest finite value; ∞ stands where 65536 would be: from there on every value is ∞,
        // between them ∞ with probability its fraction of the gap of 32.
        foreach (float beyond in new[] { 65536f, 65537f, 1e10f, float.MaxValue })
        {
            Assert.Equal(Half.PositiveInfinity, StochasticRounding.ToHalf(beyond, 0u));
            Assert.Equal(Half.NegativeInfinity, StochasticRounding.ToHalf(-beyond, uint.MaxValue));
        }

        Assert.Equal((Half)65504f, StochasticRounding.ToHalf(65504f, 0u));
        Assert.Equal((Half)65504f, StochasticRounding.ToHalf(65520f, 0x8000_0000)); // a half: the word must be below 2³¹
        Assert.Equal(Half.PositiveInfinity, StochasticRounding.ToHalf(65520f, 0x7FFF_FFFF));
        Assert.Equal(Half.PositiveInfinity, StochasticRounding.ToHalf(65535f, 0xF7FF_FFFF)); // 31/32
        Assert.Equal((Half)65504f, StochasticRounding.ToHalf(65535f, 0xF800_0000));
    }

    [Fact]
    public void Half_below_two_to_the_minus_33_rounds_up_with_the_fraction_truncated_to_32_bits()
    {
        // x = 2⁻⁴⁰·1.5: its fraction of the gap 2⁻²⁴ is 1.5·2⁻¹⁶ exactly, 98,304 of 2³²; x = 2⁻⁵⁰·(1 + 2⁻²³) has a
        // fraction of 2⁻²⁶ + 2⁻⁴⁹, truncated to 64 of 2³²; below 2⁻⁵⁶ nothing rounds up.
        Assert.Equal(Half.Epsilon, StochasticRounding.ToHalf(MathF.ScaleB(1.5f, -40), 98_303));
        Assert.Equal(Half.Zero, StochasticRounding.ToHalf(MathF.ScaleB(1.5f, -40), 98_304));
        float tiny = MathF.ScaleB(1f + MathF.ScaleB(1f, -23), -50);
        Assert.Equal(Half.Epsilon, StochasticRounding.ToHalf(tiny, 63));
        Assert.Equal(Half.Zero, StochasticRounding.ToHalf(tiny, 64));
        Assert.Equal((ushort)0x8000, BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(-MathF.ScaleB(1.9f, -57), 0)));
        Assert.Equal((ushort)0x0000, BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(float.Epsilon, 0)));
    }

    [Fact]
    public void The_vector_truncation_to_unsigned_covers_every_float_below_two_to_the_32()
    {
        // Around 2³¹, where the signed conversion stops and the shifted one takes over, and the ends of [0, 2³²).
        float[] values = [0f, 0.75f, 1f, 12_345.5f, 2_147_483_520f, 2_147_483_648f, 2_147_483_904f, 3e9f, 4_294_967_040f];
        foreach (float value in values)
        {
            Vector<uint> truncated = StochasticRounding.TruncateToUInt32(new Vector<float>(value));
            Assert.Equal((uint)value, truncated[0]);
            Assert.Equal((uint)value, truncated[Vector<float>.Count - 1]);
        }
    }

    [Fact]
    public void Vector_lanes_give_the_scalar_bits_at_both_widths()
    {
        var random = new Random(23);
        int wide = Vector512<float>.Count, preferred = Vector<float>.Count;
        float[] x = new float[wide];
        uint[] bits = new uint[wide];
        for (int round = 0; round < 40_000; round++)
        {
            for (int lane = 0; lane < wide; lane++)
            {
                x[lane] = RandomFloat(random, (round * wide) + lane);
                bits[lane] = RandomWord(random, x[lane]);
            }

            ulong key = (ulong)random.NextInt64();
            int start = random.Next(-100, int.MaxValue - wide);

            Vector512<uint> bf16 = StochasticRounding.ToBFloat16(Vector512.Create(x), Vector512.Create(bits));
            Vector512<uint> half = StochasticRounding.ToHalf(Vector512.Create(x), Vector512.Create(bits));
            Vector512<uint> bf16Keyed = StochasticRounding.ToBFloat16(Vector512.Create(x), key, start);
            Vector512<uint> halfKeyed = StochasticRounding.ToHalf(Vector512.Create(x), key, start);
            Vector<uint> bf16Preferred = StochasticRounding.ToBFloat16(new Vector<float>(x), new Vector<uint>(bits));
            Vector<uint> halfPreferred = StochasticRounding.ToHalf(new Vector<float>(x), new Vector<uint>(bits));
            Vector<uint> bf16PreferredKeyed = StochasticRounding.ToBFloat16(new Vector<float>(x), key, start);
            Vector<uint> halfPreferredKeyed = StochasticRounding.ToHalf(new Vector<float>(x), key, start);

            for (int lane = 0; lane < wide; lane++)
            {
                uint expectedBf16 = StochasticRounding.ToBFloat16(x[lane], bits[lane]).Bits;
                uint expectedHalf = BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x[lane], bits[lane]));
                uint expectedBf16Keyed = StochasticRounding.ToBFloat16(x[lane], key, start + lane).Bits;
                uint expectedHalfKeyed = BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x[lane], key, start + lane));
                string where = $"lane {lane}, x = {x[lane]:R} (0x{BitConverter.SingleToUInt32Bits(x[lane]):X8}), bits 0x{bits[lane]:X8}";

                Check(expectedBf16, bf16[lane], "bfloat16, 512 bits", where);
                Check(expectedHalf, half[lane], "half, 512 bits", where);
                Check(expectedBf16Keyed, bf16Keyed[lane], "bfloat16 by index, 512 bits", where);
                Check(expectedHalfKeyed, halfKeyed[lane], "half by index, 512 bits", where);
                if (lane < preferred)
                {
                    Check(expectedBf16, bf16Preferred[lane], "bfloat16, Vector<T>", where);
                    Check(expectedHalf, halfPreferred[lane], "half, Vector<T>", where);
                    Check(expectedBf16Keyed, bf16PreferredKeyed[lane], "bfloat16 by index, Vector<T>", where);
                    Check(expectedHalfKeyed, halfPreferredKeyed[lane], "half by index, Vector<T>", where);
                }
            }
        }

        static void Check(uint expected, uint actual, string what, string where)
        {
            if (expected != actual)
            {
                Assert.Fail($"{what}, {where}: expected 0x{expected:X4}, got 0x{actual:X8}");
            }
        }
    }

    [Fact]
    public void The_keyed_overloads_round_with_the_bits_of_the_element_index()
    {
        ulong key = StochasticRounding.StepKey(42, 1, 9);
        for (int index = 0; index < 10_000; index++)
        {
            float x = 1f + (index * 1e-6f);
            uint bits = StochasticRounding.RandomBits(key, index);
            Assert.Equal(StochasticRounding.ToBFloat16(x, bits).Bits, StochasticRounding.ToBFloat16(x, key, index).Bits);
            Assert.Equal(StochasticRounding.ToHalf(x, bits), StochasticRounding.ToHalf(x, key, index));
        }
    }

    [Fact]
    public void An_increment_below_half_the_gap_moves_the_mean_where_nearest_rounding_stalls()
    {
        // The case: an EMA whose increment is below bfloat16's resolution. Round to nearest never moves
        // it; stochastic rounding with the hash's bits gets within a few percent of the exact sum over a set.
        const int Elements = 4_096, Steps = 200;
        const float Increment = 1f / 1024; // an eighth of bfloat16's gap at 1 (2⁻⁷)
        var nearest = new BFloat16[Elements];
        var stochastic = new BFloat16[Elements];
        Array.Fill(nearest, BFloat16.One);
        Array.Fill(stochastic, BFloat16.One);
        for (int step = 0; step < Steps; step++)
        {
            ulong key = StochasticRounding.StepKey(7, 0, step);
            for (int i = 0; i < Elements; i++)
            {
                nearest[i] = (BFloat16)(nearest[i] + Increment);
                stochastic[i] = StochasticRounding.ToBFloat16(stochastic[i] + Increment, key, i);
            }
        }

        double expected = 1 + (Steps * (double)Increment), mean = 0;
        foreach (BFloat16 value in stochastic)
        {
            mean += value;
        }

        mean /= Elements;
        Assert.All(nearest, value => Assert.Equal(1f, (float)value));
        Assert.InRange(mean, expected * 0.99, expected * 1.01);
    }

    /// <summary>
    /// Enumerates every value of the <paramref name="consumedBits"/> high bits of the random word (the low bits set,
    /// which must not matter) and requires the count of roundings away from zero to be x's fraction of the gap
    /// times 2^consumedBits, and the mean of the results to be x, exactly (in double; ∞ counts as the overflow
    /// point, where IEEE places the next value). From the overflow point on, every word must give ∞.
    /// </summary>
    private static void AssertExactlyUnbiased(SixteenBitGrid grid, float x, int consumedBits, Func<uint, ushort> round)
    {
        (ushort towardZero, ushort awayFromZero, double probability) = grid.StochasticChoices(x);
        int lowBits = 32 - consumedBits;
        uint filler = lowBits == 0 ? 0 : uint.MaxValue >> consumedBits;
        long away = 0, count = 1L << consumedBits;
        for (long high = 0; high < count; high++)
        {
            uint word = (uint)(high << lowBits);
            ushort rounded = round(word | filler);
            Assert.Equal(rounded, round(word));
            if (rounded == awayFromZero && awayFromZero != towardZero)
            {
                away++;
            }
            else if (rounded != towardZero)
            {
                Assert.Fail($"{x:R}: 0x{rounded:X4} is neither 0x{towardZero:X4} nor 0x{awayFromZero:X4}");
            }
        }

        Assert.Equal(probability * count, away);
        if ((towardZero & 0x7FFF) == grid.InfinityPattern)
        {
            return; // at or beyond the overflow point: ∞ for every word (checked above), no finite mean to compare
        }

        double mean = ((Magnitude(grid, towardZero) * (count - away)) + (Magnitude(grid, awayFromZero) * away)) / count;
        Assert.Equal(Math.Abs((double)x), mean);
    }

    /// <summary>
    /// For a half rounding that depends on more high bits than can be enumerated: it is a threshold on the word
    /// (away from zero exactly below F, the fraction of the gap times 2³² truncated), so the boundary words and a
    /// sample decide it.
    /// </summary>
    private static void AssertHalfThreshold(float x)
    {
        (ushort towardZero, ushort awayFromZero, double probability) = HalfGrid.StochasticChoices(x);
        ulong threshold = (ulong)Math.Floor(probability * 4294967296.0); // exact for |x| ≥ 2⁻³³, truncated below
        ushort Round(uint r) => BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x, r));

        if (threshold > 0)
        {
            Assert.Equal(awayFromZero, Round(0));
            Assert.Equal(awayFromZero, Round((uint)(threshold - 1)));
        }

        if (threshold < 1UL << 32)
        {
            Assert.Equal(towardZero, Round((uint)threshold));
            Assert.Equal(towardZero, Round(uint.MaxValue));
        }

        var random = new Random((int)BitConverter.SingleToUInt32Bits(x));
        for (int i = 0; i < 1_000; i++)
        {
            uint r = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(r < threshold ? awayFromZero : towardZero, Round(r));
        }
    }

    /// <summary>
    /// The random bits half's rounding depends on for x: as many as its fraction of the gap has binary digits
    /// (13 towards a normal half, more below), so that enumerating them decides it.
    /// </summary>
    private static int HalfConsumedBits(float x)
    {
        double probability = HalfGrid.StochasticChoices(x).Probability;
        int bits = 0;
        while (probability != Math.Floor(probability))
        {
            probability *= 2;
            bits++;
        }

        return bits;
    }

    private static double Magnitude(SixteenBitGrid grid, ushort pattern) => grid.Value(pattern & 0x7FFF);

    /// <summary>
    /// A random word, or one at a decision boundary for x: the last word that rounds away from zero or the first
    /// that does not, for either rounding, or 0 or all bits set.
    /// </summary>
    internal static uint RandomWord(Random random, float x)
    {
        int mode = random.Next(8);
        if (mode < 3 || !float.IsFinite(x))
        {
            return (uint)random.NextInt64(0, 1L << 32);
        }

        // bfloat16 rounds up when the high 16 bits reach 2¹⁶ minus the dropped bits; half when the word is below
        // its fraction of the gap in 32-bit fixed point.
        uint dropped = BitConverter.SingleToUInt32Bits(x) & 0xFFFF;
        ulong halfThreshold = (ulong)Math.Floor(HalfGrid.StochasticChoices(x).Probability * 4294967296.0);
        return mode switch
        {
            3 => (0x1_0000 - dropped) << 16,
            4 => ((0x1_0000 - dropped) << 16) - 1,
            5 => (uint)halfThreshold,
            6 => (uint)(halfThreshold - 1),
            _ => random.Next(2) == 0 ? 0 : uint.MaxValue,
        };
    }

    /// <summary>A mix of random bit patterns (NaNs included), the boundary values and floats near them.</summary>
    internal static float RandomFloat(Random random, int i)
    {
        uint bits = (i % 4) switch
        {
            0 => (uint)random.NextInt64(0, 1L << 32),
            1 => BoundaryBits[random.Next(BoundaryBits.Length)],
            2 => (uint)(BoundaryBits[random.Next(BoundaryBits.Length)] + random.Next(-3, 4)),
            _ => BitConverter.SingleToUInt32Bits(MathF.ScaleB(1f + random.NextSingle(), random.Next(-60, 20))),
        };

        return BitConverter.UInt32BitsToSingle(random.Next(2) == 0 ? bits : bits ^ 0x8000_0000);
    }
}
