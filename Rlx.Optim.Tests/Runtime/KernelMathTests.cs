using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>The kernels' vector helpers, at both widths, against the scalar definition lane by lane.</summary>
public sealed class KernelMathTests
{
    private static readonly float[] Interesting =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, BitConverter.UInt32BitsToSingle(0x007F_FFFF),
        float.MinValue, float.MaxValue, 1.17549435e-38f /* smallest normal */, -1.17549435e-38f, 1f, -3f,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN,
    ];

    public static TheoryData<int, int> Pairs()
    {
        var pairs = new TheoryData<int, int>();
        for (int m = 0; m < Interesting.Length; m++)
        {
            for (int v = 0; v < Interesting.Length; v++)
            {
                // A second moment is never negative; the test only promises the answer for v ≥ 0 (and NaN).
                if (!(Interesting[v] < 0) && !float.IsNegative(Interesting[v]) || float.IsNaN(Interesting[v]))
                {
                    pairs.Add(m, v);
                }
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AnySubnormal_finds_a_subnormal_lane_in_either_moment_at_any_position(int mIndex, int vIndex)
    {
        float m = Interesting[mIndex], v = Interesting[vIndex];
        bool expected = float.IsSubnormal(m) || float.IsSubnormal(v);

        for (int lane = 0; lane < Vector512<float>.Count; lane++)
        {
            float[] ms = new float[Vector512<float>.Count], vs = new float[Vector512<float>.Count];
            Array.Fill(ms, 0.5f);
            Array.Fill(vs, 0.25f);
            ms[lane] = m;
            vs[lane] = v;

            Assert.Equal(expected, KernelMath.AnySubnormal(Vector512.Create(ms), Vector512.Create(vs)));
            if (lane < Vector<float>.Count)
            {
                Assert.Equal(expected, KernelMath.AnySubnormal(new Vector<float>(ms), new Vector<float>(vs)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AnySubnormal_of_a_group_finds_a_subnormal_lane_in_any_vector_of_it(int mIndex, int vIndex)
    {
        float m = Interesting[mIndex], v = Interesting[vIndex];
        bool expected = float.IsSubnormal(m) || float.IsSubnormal(v);

        for (int vector = 0; vector < 4; vector++)
        {
            foreach (int lane in new[] { 0, 5, Vector<float>.Count - 1, Vector512<float>.Count - 1 })
            {
                var ms = new float[4][];
                var vs = new float[4][];
                for (int k = 0; k < 4; k++)
                {
                    ms[k] = new float[Vector512<float>.Count];
                    vs[k] = new float[Vector512<float>.Count];
                    Array.Fill(ms[k], -0.5f);
                    Array.Fill(vs[k], 0.25f);
                }

                ms[vector][lane] = m;
                vs[vector][lane] = v;

                Assert.Equal(expected, KernelMath.AnySubnormal(
                    Vector512.Create(ms[0]), Vector512.Create(vs[0]), Vector512.Create(ms[1]), Vector512.Create(vs[1]),
                    Vector512.Create(ms[2]), Vector512.Create(vs[2]), Vector512.Create(ms[3]), Vector512.Create(vs[3])));
                if (lane < Vector<float>.Count)
                {
                    Assert.Equal(expected, KernelMath.AnySubnormal(
                        new Vector<float>(ms[0]), new Vector<float>(vs[0]), new Vector<float>(ms[1]), new Vector<float>(vs[1]),
                        new Vector<float>(ms[2]), new Vector<float>(vs[2]), new Vector<float>(ms[3]), new Vector<float>(vs[3])));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void IsRare_and_AnyRare_find_a_subnormal_or_infinite_moment_and_leave_nan_alone(int mIndex, int vIndex)
    {
        float m = Interesting[mIndex], v = Interesting[vIndex];
        bool expected = float.IsSubnormal(m) || float.IsInfinity(m) || float.IsSubnormal(v) || float.IsPositiveInfinity(v);
        int count = Vector512<float>.Count;

        for (int lane = 0; lane < count; lane++)
        {
            float[] ms = new float[count], vs = new float[count];
            Array.Fill(ms, -0.5f);
            Array.Fill(vs, 0.25f);
            ms[lane] = m;
            vs[lane] = v;
            Vector512<float> mv = Vector512.Create(ms), vv = Vector512.Create(vs), normal = Vector512.Create(0.5f);

            Vector512<float> mask = KernelMath.IsRare(mv, vv);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(i == lane && expected ? uint.MaxValue : 0u, mask.AsUInt32()[i]);
            }

            Assert.Equal(expected, KernelMath.AnyRare(mv, vv));
            for (int vector = 0; vector < 4; vector++)
            {
                Vector512<float> M(int k) => k == vector ? mv : normal;
                Vector512<float> V(int k) => k == vector ? vv : normal;
                Assert.Equal(expected, KernelMath.AnyRare(M(0), V(0), M(1), V(1), M(2), V(2), M(3), V(3)));
            }
        }
    }

    [Fact]
    public void Divide_is_within_one_unit_in_the_last_place_of_the_exact_quotient()
    {
        var random = new Random(7);
        int count = Vector512<float>.Count;
        float[] n = new float[count], d = new float[count];
        for (int round = 0; round < 4_000; round++)
        {
            for (int i = 0; i < count; i++)
            {
                // Numerators of either sign from 2⁻¹⁰⁰ to 2⁶⁰, denominators from ε-sized to 2⁶⁰, as a step meets them.
                n[i] = (random.Next(2) == 0 ? -1 : 1) * MathF.ScaleB(1f + random.NextSingle(), random.Next(-100, 60));
                d[i] = MathF.ScaleB(1f + random.NextSingle(), random.Next(-27, 60));
            }

            n[0] = 0f;
            Vector512<float> quotient = KernelMath.Divide(Vector512.Create(n), Vector512.Create(d));
            for (int i = 0; i < count; i++)
            {
                float exact = n[i] / d[i];
                float actual = quotient[i];
                float oneUlp = MathF.BitIncrement(MathF.Abs(exact)) - MathF.Abs(exact);
                Assert.True(MathF.Abs(actual - exact) <= oneUlp, $"{n[i]:R} / {d[i]:R}: expected {exact:R} within one ulp, got {actual:R}");
            }
        }
    }

    [Fact]
    public void IsSubnormal_sets_exactly_the_subnormal_lanes_at_both_widths()
    {
        float[] values = new float[Vector512<float>.Count];
        Interesting.AsSpan(0, values.Length).CopyTo(values);

        Vector512<float> wide = KernelMath.IsSubnormal(Vector512.Create(values));
        Vector<float> preferred = KernelMath.IsSubnormal(new Vector<float>(values));

        for (int i = 0; i < values.Length; i++)
        {
            uint expected = float.IsSubnormal(values[i]) ? uint.MaxValue : 0u;
            Assert.Equal(expected, wide.AsUInt32()[i]);
            if (i < Vector<float>.Count)
            {
                Assert.Equal(expected, Vector.AsVectorUInt32(preferred)[i]);
            }
        }
    }

    [Fact]
    public void Sign_is_one_minus_one_the_zero_itself_or_nan_at_both_widths()
    {
        float[] values = new float[Vector512<float>.Count];
        Interesting.AsSpan(0, values.Length).CopyTo(values);

        Vector512<float> wide = KernelMath.Sign(Vector512.Create(values));
        Vector<float> preferred = KernelMath.Sign(new Vector<float>(values));

        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i];
            float expected = float.IsNaN(x) ? x : x == 0 ? x : MathF.CopySign(1f, x);
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(wide[i]));
            if (i < Vector<float>.Count)
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(preferred[i]));
            }
        }
    }
}
