using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// The random bits of <see cref="StochasticRounding"/>: reproducible, distinct across seeds, sets, steps and indices,
/// the same at every vector width, and statistically plain over fixed samples.
/// </summary>
/// <remarks>
/// The statistical tests are deterministic (fixed keys, fixed samples), so they pass or fail the same way on every
/// run. Each compares a statistic with what independent fair bits would give, allowing <see cref="Sigmas"/> standard
/// deviations: for an ideal generator a two-sided normal tail of 8·10⁻¹¹ per comparison. There are about 6,700 (for
/// each of six kinds of neighbour: 32 bit balances, 1,024 bit pairs and two tests of each 16-bit half; and 258 for
/// the two halves of one word), so the chance that an ideal generator fails any is below 10⁻⁶. The bound follows from the sample size and that budget;
/// it was not adjusted to the hash.
/// </remarks>
public sealed class StochasticRoundingHashTests
{
    /// <summary>Standard deviations a count may stray from its expectation: 6.5 (see the class remarks).</summary>
    private const double Sigmas = 6.5;

    /// <summary>Samples per statistical test: 2¹⁸, enough to see a bit-pair correlation of about 0.013.</summary>
    private const int Samples = 1 << 18;

    private const ulong Seed = 0x5EED_0F_1DEA;

    [Fact]
    public void The_same_seed_set_step_and_index_give_the_same_bits()
    {
        ulong key = StochasticRounding.StepKey(Seed, 3, 1_000);
        Assert.Equal(key, StochasticRounding.StepKey(Seed, 3, 1_000));
        for (int index = 0; index < 1_000; index++)
        {
            Assert.Equal(StochasticRounding.RandomBits(key, index), StochasticRounding.RandomBits(key, index));
        }

        // Pinned values, computed apart from this code (a transcription of the doc comment's formula in Python,
        // run with /usr/bin/python3): a change here changes every stochastic rounding, so a checkpoint would no
        // longer resume the run it came from bit for bit. Change them only together with the checkpoint format's
        // version. (The words changed once, before any checkpoint held rounded state: two keyed lowbias32 rounds
        // on the index became one round on the index counter.)
        Assert.Equal(0x33FE_8BD4_F9C5_7863UL, StochasticRounding.StepKey(0, 0, 0));
        ulong zero = StochasticRounding.StepKey(0, 0, 0);
        Assert.Equal(
            new uint[] { 0x8AC4_89CCu, 0x0E54_3BECu, 0xFCF4_FC4Cu, 0x9EC8_2894u, 0xBE18_40DBu },
            new[]
            {
                StochasticRounding.RandomBits(zero, 0), StochasticRounding.RandomBits(zero, 1), StochasticRounding.RandomBits(zero, 2),
                StochasticRounding.RandomBits(zero, int.MaxValue), StochasticRounding.RandomBits(zero, -1),
            });
    }

    [Fact]
    public void Every_seed_set_and_step_has_its_own_key()
    {
        var keys = new HashSet<ulong>();
        foreach (ulong seed in new ulong[] { 0, 1, 2, Seed, ulong.MaxValue })
        {
            for (int set = -2; set < 40; set++)
            {
                for (long step = 0; step < 2_000; step++)
                {
                    Assert.True(keys.Add(StochasticRounding.StepKey(seed, set, step)), $"seed {seed}, set {set}, step {step}");
                }
            }

            Assert.True(keys.Add(StochasticRounding.StepKey(seed, 0, long.MaxValue)));
            Assert.True(keys.Add(StochasticRounding.StepKey(seed, 0, -1)));
        }
    }

    [Fact]
    public void Within_a_step_no_two_indices_draw_the_same_bits()
    {
        // For a given key the map from index to bits is a bijection; a million indices show no collision.
        ulong key = StochasticRounding.StepKey(Seed, 0, 7);
        var seen = new HashSet<uint>();
        for (int index = 0; index < 1 << 20; index++)
        {
            Assert.True(seen.Add(StochasticRounding.RandomBits(key, index)), $"index {index}");
        }
    }

    [Fact]
    public void Another_seed_set_step_or_index_gives_another_stream()
    {
        ulong key = StochasticRounding.StepKey(Seed, 1, 100);
        ulong[] others =
        [
            StochasticRounding.StepKey(Seed + 1, 1, 100),
            StochasticRounding.StepKey(Seed, 2, 100),
            StochasticRounding.StepKey(Seed, 1, 101),
        ];

        // Two independent streams agree on a 32-bit word with probability 2⁻³²: over 65,536 indices and shifts
        // of up to ±8 elements, about 0.00026 agreements are expected, so none may occur.
        const int Length = 1 << 16;
        uint[] stream = Words(key, Length);
        foreach (ulong other in others)
        {
            uint[] otherStream = Words(other, Length + 16);
            for (int shift = 0; shift <= 16; shift++)
            {
                for (int i = 0; i < Length; i++)
                {
                    Assert.NotEqual(stream[i], otherStream[i + shift]);
                }
            }
        }

        // Along the index, the stream is not a copy of itself shifted by up to 1,000 elements.
        for (int shift = 1; shift <= 1_000; shift++)
        {
            int agreements = 0;
            for (int i = 0; i + shift < Length; i++)
            {
                agreements += stream[i] == stream[i + shift] ? 1 : 0;
            }

            Assert.Equal(0, agreements);
        }
    }

    [Fact]
    public void Vector_lanes_draw_the_bits_of_their_indices_at_both_widths()
    {
        var random = new Random(11);
        for (int round = 0; round < 2_000; round++)
        {
            ulong key = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            int start = round switch
            {
                0 => 0,
                1 => int.MaxValue - Vector512<int>.Count + 1,
                2 => int.MinValue,
                _ => random.Next(),
            };

            Vector512<uint> wide = StochasticRounding.RandomBits(key, Vector512<int>.Indices + Vector512.Create(start));
            for (int lane = 0; lane < Vector512<uint>.Count; lane++)
            {
                Assert.Equal(StochasticRounding.RandomBits(key, start + lane), wide[lane]);
            }

            Vector<uint> preferred = StochasticRounding.RandomBits(key, Vector<int>.Indices + new Vector<int>(start));
            for (int lane = 0; lane < Vector<uint>.Count; lane++)
            {
                Assert.Equal(StochasticRounding.RandomBits(key, start + lane), preferred[lane]);
            }
        }
    }

    [Fact]
    public void A_carried_counter_and_broadcast_key_give_the_bits_of_the_indices_at_both_widths()
    {
        // As a loop draws them: the key's halves broadcast once, the counter vector advanced by the counter of the
        // width per vector, through int.MaxValue and the wrap to int.MinValue.
        foreach (int first in new[] { 0, 1_000_003, int.MaxValue - 1_000, -7_000 })
        {
            ulong key = StochasticRounding.StepKey(Seed, first & 7, first);
            Vector512<uint> low = Vector512.Create((uint)key), high = Vector512.Create((uint)(key >> 32));
            Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices + Vector512.Create(first));
            Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(Vector512<int>.Count));
            Vector<uint> lowPreferred = new((uint)key), highPreferred = new((uint)(key >> 32));
            Vector<uint> counterPreferred = StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(first));
            Vector<uint> advancePreferred = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
            for (int v = 0; v < 250; v++)
            {
                Vector512<uint> wide = StochasticRounding.RandomBits(counter, low, high);
                for (int lane = 0; lane < Vector512<uint>.Count; lane++)
                {
                    Assert.Equal(StochasticRounding.RandomBits(key, unchecked(first + (v * Vector512<uint>.Count) + lane)), wide[lane]);
                }

                Vector<uint> preferred = StochasticRounding.RandomBits(counterPreferred, lowPreferred, highPreferred);
                for (int lane = 0; lane < Vector<uint>.Count; lane++)
                {
                    Assert.Equal(StochasticRounding.RandomBits(key, unchecked(first + (v * Vector<uint>.Count) + lane)), preferred[lane]);
                }

                counter += advance;
                counterPreferred += advancePreferred;
            }
        }
    }

    /// <summary>The streams whose neighbours the correlation tests compare: one sample n gives a pair of words.</summary>
    public static TheoryData<string> Neighbours() => ["index", "step", "set", "seed", "relabelled step", "counter-relabelled step"];

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void Each_bit_is_balanced(string along)
    {
        int[] ones = new int[32];
        for (int n = 0; n < Samples; n++)
        {
            (uint word, _) = Pair(along, n);
            for (int bit = 0; bit < 32; bit++)
            {
                ones[bit] += (int)((word >> bit) & 1);
            }
        }

        double bound = Sigmas * Math.Sqrt(Samples * 0.25);
        for (int bit = 0; bit < 32; bit++)
        {
            Assert.True(Math.Abs(ones[bit] - (Samples / 2.0)) <= bound, $"along {along}: bit {bit} is set {ones[bit]} times of {Samples}");
        }
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void No_bit_of_a_word_predicts_any_bit_of_its_neighbours(string along)
    {
        // For every pair of bit positions (p in one word, q in its neighbour), the two bits agree in about half
        // the samples: 1,024 comparisons per direction. The agreements are counted from the co-occurrences:
        // agree(p, q) = N − ones(p) − ones′(q) + 2·both(p, q).
        long[,] both = new long[32, 32];
        long[] onesA = new long[32], onesB = new long[32];
        for (int n = 0; n < Samples; n++)
        {
            (uint a, uint b) = Pair(along, n);
            for (int q = 0; q < 32; q++)
            {
                onesB[q] += (b >> q) & 1;
            }

            for (uint rest = a; rest != 0; rest &= rest - 1)
            {
                int p = BitOperations.TrailingZeroCount(rest);
                onesA[p]++;
                for (int q = 0; q < 32; q++)
                {
                    both[p, q] += (b >> q) & 1;
                }
            }
        }

        double bound = Sigmas * Math.Sqrt(Samples * 0.25);
        for (int p = 0; p < 32; p++)
        {
            for (int q = 0; q < 32; q++)
            {
                long agreements = Samples - onesA[p] - onesB[q] + (2 * both[p, q]);
                Assert.True(Math.Abs(agreements - (Samples / 2.0)) <= bound, $"along {along}: bit {p} and its neighbour's bit {q} agree {agreements} times of {Samples}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void The_high_16_bits_are_uniform_and_uncorrelated_with_the_neighbours(string along) =>
        AssertHalfUniformAndUncorrelated(along, rotation: 0);

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void The_low_16_bits_are_uniform_and_uncorrelated_with_the_neighbours(string along) =>
        AssertHalfUniformAndUncorrelated(along, rotation: 16);

    [Fact]
    public void The_two_halves_of_a_word_are_independent()
    {
        // One word rounds two bfloat16 streams of an element (the high half one, the low half the other). Over
        // 2¹⁸ indices: each of the 256 bit pairs (p in the high half, q in the low) agrees in about half the words;
        // the top 4 bits of each half fall in 16 × 16 cells evenly (χ², 255 degrees of freedom); as numbers, the
        // halves' Pearson correlation is within Sigmas/√N of 0.
        ulong key = StochasticRounding.StepKey(Seed, 0, 12);
        long[,] agreements = new long[16, 16];
        long[] cells = new long[256];
        double sumA = 0, sumB = 0, sumAA = 0, sumBB = 0, sumAB = 0;
        for (int n = 0; n < Samples; n++)
        {
            uint word = StochasticRounding.RandomBits(key, n);
            uint high = word >> 16, low = word & 0xFFFF;
            for (int p = 0; p < 16; p++)
            {
                for (int q = 0; q < 16; q++)
                {
                    agreements[p, q] += 1 - (((high >> p) ^ (low >> q)) & 1);
                }
            }

            cells[((high >> 12) << 4) | (low >> 12)]++;
            sumA += high;
            sumB += low;
            sumAA += (double)high * high;
            sumBB += (double)low * low;
            sumAB += (double)high * low;
        }

        double bound = Sigmas * Math.Sqrt(Samples * 0.25);
        for (int p = 0; p < 16; p++)
        {
            for (int q = 0; q < 16; q++)
            {
                Assert.True(Math.Abs(agreements[p, q] - (Samples / 2.0)) <= bound, $"high bit {p} and low bit {q} agree {agreements[p, q]} times of {Samples}");
            }
        }

        double deviate = ChiSquareDeviate(cells);
        Assert.True(deviate <= Sigmas, $"halves' joint χ² deviate {deviate:F2}");
        double correlation = Correlation(sumA, sumB, sumAA, sumBB, sumAB);
        Assert.True(Math.Abs(correlation) <= Sigmas / Math.Sqrt(Samples), $"halves' correlation {correlation:F5}");
    }

    /// <summary>
    /// What a bfloat16 rounding consumes: the high 16 bits of the word, or (<paramref name="rotation"/> 16) the low
    /// 16, which a second stream of the element uses. Uniform: the top 8 of them fall in 256 buckets evenly (χ² with
    /// 255 degrees of freedom, turned into a normal deviate by Wilson and Hilferty's cube root); uncorrelated: as
    /// numbers, their Pearson correlation with the neighbour's is within Sigmas/√N of 0.
    /// </summary>
    private static void AssertHalfUniformAndUncorrelated(string along, int rotation)
    {
        long[] buckets = new long[256];
        double sumA = 0, sumB = 0, sumAA = 0, sumBB = 0, sumAB = 0;
        for (int n = 0; n < Samples; n++)
        {
            (uint a, uint b) = Pair(along, n);
            a = BitOperations.RotateLeft(a, rotation);
            b = BitOperations.RotateLeft(b, rotation);
            buckets[a >> 24]++;
            double x = a >> 16, y = b >> 16;
            sumA += x;
            sumB += y;
            sumAA += x * x;
            sumBB += y * y;
            sumAB += x * y;
        }

        double deviate = ChiSquareDeviate(buckets);
        Assert.True(deviate <= Sigmas, $"along {along}, bits rotated by {rotation}: χ² deviate {deviate:F2}");
        double correlation = Correlation(sumA, sumB, sumAA, sumBB, sumAB);
        Assert.True(Math.Abs(correlation) <= Sigmas / Math.Sqrt(Samples), $"along {along}, bits rotated by {rotation}: correlation {correlation:F5}");
    }

    /// <summary>χ² of 256 counts of <see cref="Samples"/> against even buckets, as a normal deviate (Wilson–Hilferty).</summary>
    private static double ChiSquareDeviate(long[] buckets)
    {
        double expected = Samples / 256.0, chiSquare = 0;
        foreach (long count in buckets)
        {
            chiSquare += (count - expected) * (count - expected) / expected;
        }

        const int DegreesOfFreedom = 255;
        double spread = 2.0 / (9 * DegreesOfFreedom);
        return (Math.Cbrt(chiSquare / DegreesOfFreedom) - (1 - spread)) / Math.Sqrt(spread);
    }

    private static double Correlation(double sumA, double sumB, double sumAA, double sumBB, double sumAB)
    {
        double covariance = (sumAB / Samples) - (sumA / Samples * (sumB / Samples));
        double varianceA = (sumAA / Samples) - (sumA / Samples * (sumA / Samples));
        double varianceB = (sumBB / Samples) - (sumB / Samples * (sumB / Samples));
        return covariance / Math.Sqrt(varianceA * varianceB);
    }

    /// <summary>
    /// Sample <paramref name="n"/> of a pair of neighbouring words: the same element at neighbouring indices, steps,
    /// sets or seeds, or, for "relabelled step", element i at step t and at step t + 1 the element whose index
    /// differs by the XOR of the two keys' low words (a round keyed by XOR into the index would give it the very same
    /// bits), and for "counter-relabelled step" the element whose counter (index · γ) differs by that XOR (a round
    /// keyed by XOR into the counter alone would).
    /// </summary>
    private static (uint A, uint B) Pair(string along, int n)
    {
        int index = n % 4_096;
        long step = n / 4_096;
        switch (along)
        {
            case "index":
            {
                ulong key = StochasticRounding.StepKey(Seed, 0, 12);
                return (StochasticRounding.RandomBits(key, n), StochasticRounding.RandomBits(key, n + 1));
            }

            case "step":
                // 64 consecutive steps × 4,096 elements, each word against the same element's at the next step.
                return (StochasticRounding.RandomBits(StochasticRounding.StepKey(Seed, 0, step), index),
                    StochasticRounding.RandomBits(StochasticRounding.StepKey(Seed, 0, step + 1), index));

            case "set":
                return (StochasticRounding.RandomBits(StochasticRounding.StepKey(Seed, (int)step, 5), index),
                    StochasticRounding.RandomBits(StochasticRounding.StepKey(Seed, (int)step + 1, 5), index));

            case "seed":
                return (StochasticRounding.RandomBits(StochasticRounding.StepKey(Seed + (ulong)step, 0, 5), index),
                    StochasticRounding.RandomBits(StochasticRounding.StepKey(Seed + (ulong)step + 1, 0, 5), index));

            case "relabelled step":
            {
                ulong key = StochasticRounding.StepKey(Seed, 0, step), next = StochasticRounding.StepKey(Seed, 0, step + 1);
                int relabelled = index ^ (int)((uint)key ^ (uint)next);
                return (StochasticRounding.RandomBits(key, index), StochasticRounding.RandomBits(next, relabelled));
            }

            case "counter-relabelled step":
            {
                // γ⁻¹ mod 2³² = 0x144CBC89 (γ · γ⁻¹ = 1 mod 2³²): the index whose counter is index · γ ⊕ Δ.
                ulong key = StochasticRounding.StepKey(Seed, 0, step), next = StochasticRounding.StepKey(Seed, 0, step + 1);
                uint counter = ((uint)index * 0x9E37_79B9u) ^ (uint)key ^ (uint)next;
                return (StochasticRounding.RandomBits(key, index), StochasticRounding.RandomBits(next, (int)(counter * 0x144C_BC89u)));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(along), along, null);
        }
    }

    private static uint[] Words(ulong key, int length)
    {
        uint[] words = new uint[length];
        for (int i = 0; i < length; i++)
        {
            words[i] = StochasticRounding.RandomBits(key, i);
        }

        return words;
    }
}
