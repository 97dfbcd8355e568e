using System;
using System.IO;
using System.Linq;
using Rlx.Optim.Tests.Checkpoints;
using static Rlx.Optim.Tests.WholeStep.StepPlanTests;

namespace Rlx.Optim.Tests.Adafactor;

/// <summary>
/// What Adafactor adds to the family's tests: state of its own shapes (StateBytes, checkpoints with PyTorch's
/// shapes), the passes' sums giving the same bits on any core count, StepAll and clipping through the plan's measure
/// passes, and sets met by name as vectors.
/// </summary>
public sealed class AdafactorTests
{
    private static readonly int[] Lengths = [4 * 301 * 203, 17 * 9, 1_000, 1];

    [Fact]
    public void Factored_state_holds_a_row_and_a_column_factor_per_matrix()
    {
        var optimizer = new AdafactorLayers();
        AssertBuffers(optimizer, "fc", ("row_var", [768, 1]), ("col_var", [1, 3072]));
        AssertBuffers(optimizer, "heads", ("row_var", [12, 64, 1]), ("col_var", [12, 1, 768]));
        AssertBuffers(optimizer, "bias", ("variance", [3072]));

        long floats = 768 + 3072 + (12 * 64) + (12 * 768) + 3072;
        // Each buffer is shorter than a page-movable buffer or holds ≤ 60 bytes of alignment, but the longer ones keep a page.
        Assert.InRange(optimizer.StateBytes, floats * sizeof(float), (floats * sizeof(float)) + (5 * 4096));
        Assert.True(optimizer.StateBytes * 100 < 768L * 3072 * sizeof(float), "the factored state is not a hundredth of the fc matrix's bytes");
    }

    [Theory]
    [InlineData("met", 64)]
    [InlineData("fc", 768 * 3072)]
    public void A_nan_gradient_spoils_only_what_its_second_moment_reaches(string set, int length)
    {
        // A vector's NaN stays in its element (PyTorch's max(1, NaN) keeps the clipping denominator at 1); a matrix's
        // reaches its row and column factors, so its row mean: the whole matrix, as in PyTorch.
        var optimizer = new AdafactorLayers();
        float[] parameter = FamilyValues(length, 0.5f), gradient = FamilyValues(length, 0.01f);
        gradient[3] = float.NaN;
        optimizer.Step(set, parameter, gradient);

        Assert.True(float.IsNaN(parameter[3]));
        Assert.Equal(set == "met" ? length - 1 : 0, parameter.Count(float.IsFinite));
    }

    [Fact]
    public void A_set_met_by_name_is_a_vector_with_its_own_variance()
    {
        var optimizer = new AdafactorLayers();
        float[] parameter = new float[50], gradient = FamilyValues(50, 0.1f);
        optimizer.Step("met", parameter, gradient);
        AssertBuffers(optimizer, "met", ("variance", [50]));
    }

    [Fact]
    public void Checkpoints_record_the_factors_with_pytorchs_shapes_and_resume()
    {
        var optimizer = new AdafactorPlan();
        float[][] p = Draw(1, 1f, Lengths);
        Step(optimizer, p, steps: 2, seed: 10);
        optimizer.Step("named", p[2], Draw(5, 0.1f, 1_000)[0]);
        byte[] file = CheckpointFile.Save(optimizer);

        SpecSafetensorsReader read = SpecSafetensorsReader.Read(file);
        Assert.Equal([4L, 301, 1], read["a.row_var"].Shape);
        Assert.Equal([4L, 1, 203], read["a.col_var"].Shape);
        Assert.Equal([17L, 1], read["b.row_var"].Shape);
        Assert.Equal([1L, 9], read["b.col_var"].Shape);
        Assert.Equal([1000L], read["c.variance"].Shape);
        Assert.Equal([], read["d.variance"].Shape);
        Assert.Equal([1000L], read["named.variance"].Shape);
        Assert.Equal(optimizer.TryGetState("a", out ParameterState? a) ? a["col_var"].Span.ToArray() : null, read["a.col_var"].Floats());

        var resumed = new AdafactorPlan();
        resumed.LoadCheckpoint(new MemoryStream(file));
        StateSnapshot.Of(optimizer).AssertSameAs(resumed);
        float[][] q = Clone(p);
        Step(optimizer, p, steps: 2, seed: 20);
        Step(resumed, q, steps: 2, seed: 20);
        AssertSameBits(p, q, optimizer, resumed);
    }

    [Fact]
    public void A_checkpoint_whose_factors_do_not_fit_a_shape_is_refused_and_changes_nothing()
    {
        var optimizer = new AdafactorPlan();
        float[][] p = Draw(1, 1f, Lengths);
        Step(optimizer, p, steps: 1, seed: 10);
        (System.Text.Json.Nodes.JsonObject header, byte[] data) = CheckpointFile.Split(CheckpointFile.Save(optimizer));
        header["b.col_var"]!["shape"] = new System.Text.Json.Nodes.JsonArray(9, 1);
        var target = new AdafactorPlan();
        StateSnapshot before = StateSnapshot.Of(target);

        var error = Assert.ThrowsAny<Exception>(() => target.LoadCheckpoint(new MemoryStream(CheckpointFile.Join(header, data))));
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(target);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StepAll_steps_as_the_sets_one_by_one_on_one_core_and_on_all(bool clipped)
    {
        Func<IAdafactorPlan> create = clipped ? () => new AdafactorClippedPlan() : () => new AdafactorPlan();
        IAdafactorPlan all = create(), one = create(), oneByOne = create();
        one.MaxDegreeOfParallelism = 1;
        oneByOne.MaxGradientNorm = null; // one-set calls refuse clipping: they get the gradients clipped as StepAll clips them
        float[][] p1 = Draw(1, 1f, Lengths), p2 = Clone(p1), p3 = Clone(p1);
        for (int step = 0; step < 3; step++)
        {
            float[][] g = Draw(100 + step, 0.5f, Lengths);
            Assert.True(all.StepAll(p1[0], g[0], p1[1], g[1], p1[2], g[2], p1[3], g[3]));
            Assert.True(one.StepAll(p2[0], g[0], p2[1], g[1], p2[2], g[2], p2[3], g[3]));
            float scale = clipped ? ClipScale(g, 1f) : 1f;
            Assert.Equal(all.GradientNorm, one.GradientNorm);
            oneByOne.StepA(p3[0], Scaled(g[0], scale));
            oneByOne.StepB(p3[1], Scaled(g[1], scale));
            oneByOne.StepC(p3[2], Scaled(g[2], scale));
            oneByOne.StepD(p3[3], Scaled(g[3], scale));
            oneByOne.EndIteration();
        }

        AssertSameBits(p1, p2, all, one);
        AssertSameBits(p3, p1, oneByOne, all);
    }

    [Fact]
    public void A_step_with_a_non_finite_gradient_is_skipped_when_asked_and_changes_nothing()
    {
        var optimizer = new AdafactorPlan { SkipNonFiniteSteps = true };
        float[][] p = Draw(1, 1f, Lengths);
        Step(optimizer, p, steps: 1, seed: 10);
        float[][] before = Clone(p);
        StateSnapshot state = StateSnapshot.Of(optimizer);
        float[][] g = Draw(11, 0.5f, Lengths);
        g[0][12_345] = float.PositiveInfinity;

        Assert.False(optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3]));
        AssertSameBits(before, p, optimizer, optimizer);
        state.AssertSameAs(optimizer);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void Reset_returns_every_factor_to_zero_and_the_run_repeats()
    {
        var optimizer = new AdafactorPlan();
        float[][] start = Draw(1, 1f, Lengths), p = Clone(start);
        Step(optimizer, p, steps: 2, seed: 10);
        float[][] first = Clone(p);
        optimizer.Reset();
        Assert.All(optimizer.States.SelectMany(s => s.Buffers), b => Assert.All(b.Span.ToArray(), v => Assert.Equal(0f, v)));

        p = Clone(start);
        Step(optimizer, p, steps: 2, seed: 10);
        AssertSameBits(first, p, optimizer, optimizer);
    }

    private static void Step(IAdafactorPlan optimizer, float[][] p, int steps, int seed)
    {
        for (int step = 0; step < steps; step++)
        {
            float[][] g = Draw(seed + step, 0.5f, Lengths);
            Assert.True(optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3]));
        }
    }

    /// <summary>PyTorch's clip_grad_norm_ factor in float, from the norm of every gradient.</summary>
    private static float ClipScale(float[][] gradients, float maxNorm)
    {
        double squares = gradients.SelectMany(g => g).Sum(x => (double)x * x);
        float norm = (float)Math.Sqrt(squares);
        return Math.Min(1f, maxNorm / (norm + 1e-6f));
    }

    private static float[] Scaled(float[] gradient, float scale) => gradient.Select(g => g * scale).ToArray();

    private static float[] FamilyValues(int length, float value) => Enumerable.Repeat(value, length).ToArray();

    private static void AssertBuffers(IOptimizer optimizer, string set, params (string Name, int[] Shape)[] expected)
    {
        Assert.True(optimizer.TryGetState(set, out ParameterState? state));
        Assert.Equal(expected.Select(e => e.Name), state.Buffers.Select(b => b.Name));
        for (int b = 0; b < expected.Length; b++)
        {
            Assert.Equal(expected[b].Shape, state.Buffers[b].Shape);
            Assert.Equal(expected[b].Shape.Aggregate(1, (x, y) => x * y), state.Buffers[b].Length);
        }
    }
}

/// <summary>The four sets of <see cref="AdafactorPlan"/> and <see cref="AdafactorClippedPlan"/>.</summary>
public interface IAdafactorPlan : IOptimizer, ICheckpointable
{
    bool StepAll(
        Span<float> a, ReadOnlySpan<float> aGradient, Span<float> b, ReadOnlySpan<float> bGradient, Span<float> c, ReadOnlySpan<float> cGradient,
        Span<float> d, ReadOnlySpan<float> dGradient);

    void StepA(Span<float> parameter, ReadOnlySpan<float> gradient);

    void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);

    void StepC(Span<float> parameter, ReadOnlySpan<float> gradient);

    void StepD(Span<float> parameter, ReadOnlySpan<float> gradient);
}
