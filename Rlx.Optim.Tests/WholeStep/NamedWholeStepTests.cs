using System;
using System.Linq;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// StepAll(ReadOnlySpan&lt;NamedParameter&gt;): the whole step by name, with clipping and the non-finite check over
/// every set it names, declared or not; every entry checked before anything changes.
/// </summary>
public sealed class NamedWholeStepTests
{
    private static readonly int[] Lengths = { 40_000, 37, 1_000, 20_000, 3 };
    private static readonly string[] Names = { "a", "b", "c", "d", "e" };

    [Fact]
    public void By_name_the_declared_sets_step_as_the_typed_StepAll_does()
    {
        var typed = new PlanAdamW { MaxGradientNorm = 1f };
        var named = new PlanAdamW { MaxGradientNorm = 1f };
        float[][] p1 = StepPlanTests.Draw(1, 1f, Lengths), p2 = StepPlanTests.Clone(p1);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = StepPlanTests.Draw(40 + step, 1f, Lengths);
            typed.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3], p1[4], g[4]);
            Assert.True(named.StepAll(Named(Names, p2, g)));
            Assert.Equal(BitConverter.SingleToUInt32Bits(typed.GradientNorm), BitConverter.SingleToUInt32Bits(named.GradientNorm));
        }

        StepPlanTests.AssertSameBits(p1, p2, typed, named);
        Assert.Equal(3, named.StepCount);
    }

    [Fact]
    public void Undeclared_sets_are_clipped_over_the_whole_step()
    {
        var clipped = new PlanAdamW { MaxGradientNorm = 2f };
        var byHand = new PlanAdamW();
        string[] names = { "x", "a", "y" };
        float[][] p1 = StepPlanTests.Draw(1, 1f, 5_000, 40_000, 70_000), p2 = StepPlanTests.Clone(p1);
        float[][] g = StepPlanTests.Draw(2, 1f, 5_000, 40_000, 70_000);
        Assert.True(clipped.StepAll(Named(names, p1, g)));

        float norm = (float)Math.Sqrt(g.Sum(x => x.Sum(v => (double)v * v)));
        Assert.Equal(norm, clipped.GradientNorm);
        float factor = 1f / (norm + 1e-6f) * 2f;
        for (int k = 0; k < names.Length; k++)
        {
            byHand.Step(names[k], p2[k], g[k].Select(v => v * factor).ToArray());
        }

        byHand.EndIteration();
        StepPlanTests.AssertSameBits(p2, p1, byHand, clipped);
    }

    [Fact]
    public void A_non_finite_gradient_skips_the_step_by_name_too()
    {
        var optimizer = new PlanAdamW { SkipNonFiniteSteps = true };
        float[][] p = StepPlanTests.Draw(1, 1f, 10, 20), before = StepPlanTests.Clone(p);
        float[][] g = StepPlanTests.Draw(2, 1f, 10, 20);
        g[1][7] = float.PositiveInfinity;
        Assert.False(optimizer.StepAll(Named(new[] { "new1", "new2" }, p, g)));
        Assert.Equal(1, optimizer.SkippedSteps);
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal(5, optimizer.States.Count);
        Assert.Equal(StepPlanTests.Bits(before[1]), StepPlanTests.Bits(p[1]));
    }

    [Fact]
    public void A_bad_entry_anywhere_changes_nothing()
    {
        var optimizer = new PlanAdamW();
        float[][] p = StepPlanTests.Draw(1, 1f, 37, 10, 20), before = StepPlanTests.Clone(p);
        float[][] g = StepPlanTests.Draw(2, 1f, 37, 10, 20);

        // A repeated name, then a wrong length in the last entry: the new set "fresh" must not have been created.
        Assert.Throws<ArgumentException>(() => optimizer.StepAll(Named(new[] { "b", "fresh", "fresh" }, p, g)));
        g[2] = new float[21];
        var wrong = Assert.Throws<ArgumentException>(() => optimizer.StepAll(Named(new[] { "b", "fresh", "other" }, p, g)));
        Assert.Contains("other", wrong.Message);
        Assert.Equal(5, optimizer.States.Count);
        Assert.Equal(0, optimizer.StepCount);
        for (int k = 0; k < p.Length; k++)
        {
            Assert.Equal(StepPlanTests.Bits(before[k]), StepPlanTests.Bits(p[k]));
        }

        var sixteenBit = new PlanMixedPrecision();
        float[] b = new float[20_000];
        var refused = Assert.Throws<ArgumentException>(() => sixteenBit.StepAll(new[] { new NamedParameter("b", b, b.ToArray()) }));
        Assert.Contains("StepB", refused.Message);
    }

    private static NamedParameter[] Named(string[] names, float[][] p, float[][] g) =>
        names.Select((name, k) => new NamedParameter(name, p[k], g[k])).ToArray();
}
