using System;
using System.Linq;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// StepAll's one pass over every set gives the bits of stepping the sets one by one, on one core and on all, with
/// float, bfloat16 and Half storages and master weights; clipping gives the same bits on any core count too.
/// </summary>
public sealed class StepPlanTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Float_sets_step_as_they_would_one_by_one(int cores)
    {
        var planned = new PlanAdamW { MaxDegreeOfParallelism = cores };
        var oneByOne = new PlanAdamW();
        float[][] p1 = Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), p2 = Clone(p1);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = Draw(100 + step, 0.5f, 40_000, 37, 1_000, 20_000, 3);
            Assert.True(planned.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]));
            oneByOne.StepA(p2[0], g[0]);
            oneByOne.StepB(p2[1], g[1]);
            oneByOne.StepC(p2[2], g[2]);
            oneByOne.StepD(p2[3], g[3]);
            oneByOne.StepE(p2[4], g[4]);
            oneByOne.EndIteration();
        }

        AssertSameBits(p2, p1, oneByOne, planned);
        Assert.Equal(3, planned.StepCount);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("rmsprop")]
    [InlineData("lamb")]
    [InlineData("schedulefree")]
    public void Sixteen_bit_sets_and_master_weights_step_as_they_would_one_by_one_on_every_core_count(string family)
    {
        Func<IMixedPrecisionPlan> create = family switch
        {
            "adam" => () => new PlanMixedPrecision(),
            "rmsprop" => () => new PlanMixedPrecisionRMSprop(),
            "lamb" => () => new PlanMixedPrecisionLamb(),
            _ => () => new PlanMixedPrecisionScheduleFree(),
        };
        IMixedPrecisionPlan all = create();
        IMixedPrecisionPlan one = create();
        one.MaxDegreeOfParallelism = 1;
        IMixedPrecisionPlan oneByOne = create();
        float[] a1 = Draw(1, 1f, 40_000)[0], a2 = (float[])a1.Clone(), a3 = (float[])a1.Clone();
        BFloat16[] b1 = Draw(2, 1f, 20_000)[0].Select(x => (BFloat16)x).ToArray(), b2 = (BFloat16[])b1.Clone(), b3 = (BFloat16[])b1.Clone();
        Half[] c1 = Draw(3, 1f, 1_003)[0].Select(x => (Half)x).ToArray(), c2 = (Half[])c1.Clone(), c3 = (Half[])c1.Clone();
        for (int step = 0; step < 3; step++)
        {
            float[] ga = Draw(10 + step, 0.1f, 40_000)[0];
            BFloat16[] gb = Draw(20 + step, 0.1f, 20_000)[0].Select(x => (BFloat16)x).ToArray();
            float[] gc = Draw(30 + step, 0.1f, 1_003)[0];
            all.StepAll(a1, ga, b1, gb, c1, gc);
            one.StepAll(a2, ga, b2, gb, c2, gc);
            oneByOne.StepA(a3, ga);
            oneByOne.StepB(b3, gb);
            oneByOne.StepC(c3, gc);
            oneByOne.EndIteration();
        }

        Assert.Equal(Bits(a3), Bits(a1));
        Assert.Equal(Bits(a3), Bits(a2));
        Assert.Equal(b3.Select(x => x.Bits), b1.Select(x => x.Bits));
        Assert.Equal(b3.Select(x => x.Bits), b2.Select(x => x.Bits));
        Assert.Equal(c3.Select(BitConverter.HalfToUInt16Bits), c1.Select(BitConverter.HalfToUInt16Bits));
        Assert.Equal(c3.Select(BitConverter.HalfToUInt16Bits), c2.Select(BitConverter.HalfToUInt16Bits));
        AssertSameState(oneByOne, all);
        AssertSameState(oneByOne, one);
    }

    [Fact]
    public void Stochastically_rounded_parameters_step_as_they_would_one_by_one()
    {
        var planned = new PlanSixteenBitLion();
        var oneByOne = new PlanSixteenBitLion();
        BFloat16[] a1 = Draw(1, 1f, 33_000)[0].Select(x => (BFloat16)x).ToArray(), a2 = (BFloat16[])a1.Clone();
        float[] b1 = Draw(2, 1f, 17)[0], b2 = (float[])b1.Clone();
        Half[] c1 = Draw(3, 1f, 16_500)[0].Select(x => (Half)x).ToArray(), c2 = (Half[])c1.Clone();
        for (int step = 0; step < 3; step++)
        {
            float[] ga = Draw(10 + step, 0.1f, 33_000)[0];
            float[] gb = Draw(20 + step, 0.1f, 17)[0];
            Half[] gc = Draw(30 + step, 0.1f, 16_500)[0].Select(x => (Half)x).ToArray();
            planned.StepAll(a1, ga, b1, gb, c1, gc);
            oneByOne.StepA(a2, ga);
            oneByOne.StepB(b2, gb);
            oneByOne.StepC(c2, gc);
            oneByOne.EndIteration();
        }

        Assert.Equal(a2.Select(x => x.Bits), a1.Select(x => x.Bits));
        Assert.Equal(Bits(b2), Bits(b1));
        Assert.Equal(c2.Select(BitConverter.HalfToUInt16Bits), c1.Select(BitConverter.HalfToUInt16Bits));
        AssertSameState(oneByOne, planned);
    }

    [Fact]
    public void Clipping_gives_the_same_norm_and_bits_on_one_core_and_on_all()
    {
        var all = new PlanAdamW { MaxGradientNorm = 1f };
        var one = new PlanAdamW { MaxGradientNorm = 1f, MaxDegreeOfParallelism = 1 };
        float[][] p1 = Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), p2 = Clone(p1);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = Draw(200 + step, 2f, 40_000, 37, 1_000, 20_000, 3);
            all.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]);
            one.StepAll(p2[0], g[0], p2[1], g[1], p2[2], g[2], p2[3], g[3], p2[4], g[4]);
            Assert.Equal(BitConverter.SingleToUInt32Bits(one.GradientNorm), BitConverter.SingleToUInt32Bits(all.GradientNorm));
            Assert.Equal(Math.Sqrt(g.Sum(x => x.Sum(v => (double)v * v))), one.GradientNorm, 1e-3);
        }

        AssertSameBits(p2, p1, one, all);
    }

    [Fact]
    public void A_clipped_step_equals_a_step_on_gradients_scaled_by_pytorchs_factor()
    {
        // Clipping is g·min(1, max/(norm + 1e-6)) as the update reads g: the same as handing the scaled gradient over.
        var clipped = new PlanAdamW { MaxGradientNorm = 3f };
        var scaledByHand = new PlanAdamW();
        float[][] p1 = Draw(1, 1f, 40_000, 37, 1_000, 20_000, 3), p2 = Clone(p1);
        float[][] g = Draw(300, 1f, 40_000, 37, 1_000, 20_000, 3);
        clipped.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]);

        float norm = (float)Math.Sqrt(g.Sum(x => x.Sum(v => (double)v * v)));
        Assert.Equal(norm, clipped.GradientNorm);
        float factor = Math.Min(1f, 1f / (norm + 1e-6f) * 3f);
        Assert.True(factor < 1f);
        float[][] scaled = g.Select(x => x.Select(v => v * factor).ToArray()).ToArray();
        scaledByHand.StepAll(p2[0], scaled[0], p2[1], scaled[1], p2[2], scaled[2], p2[3], scaled[3], p2[4], scaled[4]);
        AssertSameBits(p2, p1, scaledByHand, clipped);
    }

    internal static float[][] Draw(int seed, float scale, params int[] lengths)
    {
        var random = new SplitMix64((ulong)seed);
        return lengths.Select(n =>
        {
            float[] values = new float[n];
            random.Fill(values, scale);
            return values;
        }).ToArray();
    }

    internal static float[][] Clone(float[][] tensors) => tensors.Select(t => (float[])t.Clone()).ToArray();

    internal static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    internal static void AssertSameBits(float[][] expected, float[][] actual, IOptimizer expectedOptimizer, IOptimizer actualOptimizer)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(Bits(expected[k]), Bits(actual[k]));
        }

        AssertSameState(expectedOptimizer, actualOptimizer);
    }

    internal static void AssertSameState(IOptimizer expected, IOptimizer actual)
    {
        Assert.Equal(expected.States.Count, actual.States.Count);
        for (int s = 0; s < expected.States.Count; s++)
        {
            for (int b = 0; b < expected.States[s].Buffers.Count; b++)
            {
                float[] e = new float[expected.States[s].Length], a = new float[e.Length];
                expected.States[s].Buffers[b].CopyTo(e);
                actual.States[s].Buffers[b].CopyTo(a);
                Assert.Equal(Bits(e), Bits(a));
            }
        }
    }
}
