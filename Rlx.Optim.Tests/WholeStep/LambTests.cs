using System;
using System.Linq;
using Rlx.Optim.CompilerServices;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// LAMB's trust ratio through the plan: a whole step, the declared sets one by one and the same sets by names the
/// optimizer never declared take one path (its measure pass, then its update) and give the same bits, on one core
/// and on all; the ratio is the set's own, so a NaN spreads over its set and no further; the norms are sums of
/// fixed blocks, independent of the cores; a refused step changes nothing.
/// </summary>
public sealed class LambTests
{
    private static readonly int[] Lengths = [40_000, 37, 9_001, 3, 1];

    [Fact]
    public void A_whole_step_one_by_one_by_name_and_on_one_core_give_the_same_bits()
    {
        var all = new PlanLamb();
        var one = new PlanLamb { MaxDegreeOfParallelism = 1 };
        var oneByOne = new PlanLamb();
        var byName = new PlanLamb();
        float[][] p1 = Draw(1, 1f), p2 = Clone(p1), p3 = Clone(p1), p4 = Clone(p1);
        for (int step = 0; step < 4; step++)
        {
            float[][] g = Draw(100 + (ulong)step, 0.5f);
            Assert.True(all.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]));
            Assert.True(one.StepAll(p2[0], g[0], p2[1], g[1], p2[2], g[2], p2[3], g[3], p2[4], g[4]));
            oneByOne.StepA(p3[0], g[0]);
            oneByOne.StepB(p3[1], g[1]);
            oneByOne.StepC(p3[2], g[2]);
            oneByOne.StepD(p3[3], g[3]);
            oneByOne.StepE(p3[4], g[4]);
            oneByOne.EndIteration();
            for (int k = 0; k < Lengths.Length; k++)
            {
                byName.Step($"undeclared{k}", p4[k], g[k]); // created on first use, stepped with the default kernel
            }

            byName.EndIteration();
        }

        for (int k = 0; k < Lengths.Length; k++)
        {
            Assert.Equal(Bits(p3[k]), Bits(p1[k]));
            Assert.Equal(Bits(p3[k]), Bits(p2[k]));
            Assert.Equal(Bits(p3[k]), Bits(p4[k]));
        }

        Assert.NotEqual(Bits(Draw(1, 1f)[0]), Bits(p1[0]));
    }

    [Fact]
    public void Clipping_by_name_gives_the_bits_of_the_declared_whole_step()
    {
        var declared = new PlanLamb { MaxGradientNorm = 1f };
        var byName = new PlanLamb { MaxGradientNorm = 1f };
        float[][] p1 = Draw(2, 1f), p2 = Clone(p1);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = Draw(200 + (ulong)step, 0.5f);
            Assert.True(declared.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]));
            NamedParameter[] named = new[] { "a", "b", "c", "d", "e" }.Select((name, k) => new NamedParameter(name, p2[k], g[k])).ToArray();
            Assert.True(byName.StepAll(named));
            Assert.Equal(declared.GradientNorm, byName.GradientNorm);
        }

        for (int k = 0; k < Lengths.Length; k++)
        {
            Assert.Equal(Bits(p1[k]), Bits(p2[k]));
        }
    }

    [Fact]
    public void A_nan_gradient_makes_its_whole_set_nan_and_no_other()
    {
        var optimizer = new PlanLamb();
        float[][] p = Draw(3, 1f), g = Draw(4, 0.5f);
        g[1][7] = float.NaN;

        Assert.True(optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4]));

        Assert.All(p[1], x => Assert.True(float.IsNaN(x))); // ‖u‖ is NaN, so is the set's ratio
        foreach (int k in new[] { 0, 2, 3, 4 })
        {
            Assert.All(p[k], x => Assert.True(float.IsFinite(x)));
        }
    }

    [Fact]
    public void A_refused_step_changes_no_parameter_and_no_state()
    {
        var optimizer = new PlanLamb();
        float[][] p = Draw(7, 1f), g = Draw(8, 0.5f);
        Assert.True(optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4]));
        float[][] before = Clone(p);
        float[][] stateBefore = optimizer.States.SelectMany(s => s.Buffers).Select(b => b.Span.ToArray()).ToArray();
        float[] shortGradient = new float[Lengths[3] - 1];

        Assert.Throws<ArgumentException>(() => optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], shortGradient, p[4], g[4]));

        for (int k = 0; k < Lengths.Length; k++)
        {
            Assert.Equal(Bits(before[k]), Bits(p[k]));
        }

        float[][] stateAfter = optimizer.States.SelectMany(s => s.Buffers).Select(b => b.Span.ToArray()).ToArray();
        Assert.Equal(stateBefore.Select(Bits), stateAfter.Select(Bits));
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void The_ratio_is_the_quotient_of_the_norms_summed_in_blocks()
    {
        var state = new ParameterState("w", [10_000]);
        StepPlanSet set = TrustRatioPlan.Set<ScaledGradient, ScaledGradient, float, float, float>(state, masterWeights: false);
        float[] theta = Draw(5, 1f, 10_000), gradient = Draw(6, 0.5f, 10_000);
        float[] expected = (float[])theta.Clone();
        double ratio = Math.Sqrt(SumOfSquares.Of<float>(theta)) / Math.Sqrt(SumOfSquares.Of<float>(gradient));

        TrustRatioPlan.Step(set, 0.01f, theta.AsSpan(), gradient, 1f, seed: 0, step: 1, maxDegreeOfParallelism: -1, parallelThreshold: 1);

        Assert.Equal(ratio, ((TrustRatioSet<ScaledGradient, ScaledGradient, float, float, float>)set).TrustRatio, 12);
        float step = (float)(0.01f * ratio);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] -= step * gradient[i];
        }

        Assert.Equal(Bits(expected), Bits(theta));
    }

    /// <summary>u = g, no state: the update is θ − lr·(‖θ‖/‖g‖)·g, with the scalar lr.</summary>
    private readonly struct ScaledGradient : IWideTrustRatioUpdate<float>, IPreferredTrustRatioUpdate<float>
    {
        public static int StateCount => 0;

        public static void Moments(in float scalars, ref System.Runtime.Intrinsics.Vector512<float> p, ref System.Runtime.Intrinsics.Vector512<float> g, ref WideState state) =>
            p -= System.Runtime.Intrinsics.Vector512.Create(scalars) * g;

        public static void Moments(in float scalars, ref System.Numerics.Vector<float> p, ref System.Numerics.Vector<float> g, ref PreferredState state) =>
            p -= new System.Numerics.Vector<float>(scalars) * g;

        public static void Direction(
            in float scalars, System.Runtime.Intrinsics.Vector512<float> p, System.Runtime.Intrinsics.Vector512<float> g, in WideState state,
            out System.Runtime.Intrinsics.Vector512<double> lower, out System.Runtime.Intrinsics.Vector512<double> upper)
        {
            lower = System.Runtime.Intrinsics.Vector512.WidenLower(g);
            upper = System.Runtime.Intrinsics.Vector512.WidenUpper(g);
        }

        public static void Direction(
            in float scalars, System.Numerics.Vector<float> p, System.Numerics.Vector<float> g, in PreferredState state,
            out System.Numerics.Vector<double> lower, out System.Numerics.Vector<double> upper)
        {
            lower = System.Numerics.Vector.WidenLower(g);
            upper = System.Numerics.Vector.WidenUpper(g);
        }

        public static float WithTrustRatio(in float scalars, double trustRatio) => (float)(scalars * trustRatio);
    }

    private static float[][] Draw(ulong seed, float scale) => Lengths.Select((n, k) => Draw(seed * 10 + (ulong)k, scale, n)).ToArray();

    private static float[] Draw(ulong seed, float scale, int length)
    {
        var random = new SplitMix64(seed);
        float[] values = new float[length];
        random.Fill(values, scale);
        return values;
    }

    private static float[][] Clone(float[][] sets) => sets.Select(s => (float[])s.Clone()).ToArray();

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();
}
