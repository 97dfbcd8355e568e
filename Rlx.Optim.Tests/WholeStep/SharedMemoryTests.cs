using System;
using System.Linq;
using System.Runtime.InteropServices;
using Rlx.Optim.Tests.Checkpoints;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// A whole step refuses a set's parameter that shares memory with another set's parameter or gradient (two cores
/// would update the same elements, or one set's update would change another's gradient), naming both sets and
/// changing nothing; gradients may share memory, and spans that only touch are apart.
/// </summary>
public sealed class SharedMemoryTests
{
    private const int A = 40_000, B = 37, C = 1_000, D = 20_000, E = 3;

    [Fact]
    public void Two_parameters_in_the_same_memory_are_refused_naming_both()
    {
        var optimizer = new PlanAdamW();
        float[] arena = Draw(1, A + D);
        float[][] g = StepPlanTests.Draw(2, 1f, A, B, C, D, E);
        float[][] others = StepPlanTests.Draw(3, 1f, B, C, E);
        float[] before = (float[])arena.Clone();
        StateSnapshot state = StateSnapshot.Of(optimizer);

        // d's parameter is the second half of a's.
        var refused = Assert.Throws<ArgumentException>(() => optimizer.StepAll(
            arena.AsSpan(0, A), g[0], others[0], g[1], others[1], g[2], arena.AsSpan(A / 2, D), g[3], others[2], g[4]));

        Assert.Contains("Parameter set 'a'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("parameter span of set 'd'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was updated", refused.Message, StringComparison.Ordinal);
        Assert.Equal(StepPlanTests.Bits(before), StepPlanTests.Bits(arena));
        state.AssertSameAs(optimizer);
    }

    [Fact]
    public void A_parameter_inside_another_sets_gradient_is_refused_on_one_core_and_on_all()
    {
        foreach (int cores in new[] { 1, -1 })
        {
            var optimizer = new PlanAdamW { MaxDegreeOfParallelism = cores };
            float[][] p = StepPlanTests.Draw(1, 1f, A, B, C, D, E);
            float[][] g = StepPlanTests.Draw(2, 1f, A, B, C, D, E);
            float[] aGradient = g[0];
            StateSnapshot state = StateSnapshot.Of(optimizer);

            // c's parameter is elements [100, 1100) of a's gradient.
            var refused = Assert.Throws<ArgumentException>(() => optimizer.StepAll(
                p[0], aGradient, p[1], g[1], aGradient.AsSpan(100, C), g[2], p[3], g[3], p[4], g[4]));

            Assert.Contains("Parameter set 'c'", refused.Message, StringComparison.Ordinal);
            Assert.Contains("gradient span of set 'a'", refused.Message, StringComparison.Ordinal);
            state.AssertSameAs(optimizer);
        }
    }

    [Fact]
    public void Shared_gradients_and_touching_spans_step_as_separate_copies_do()
    {
        float[] arena = Draw(1, A + B + C + D + E);
        float[] gradient = Draw(2, A);
        float[][] copies = StepPlanTests.Clone([arena[..A], arena[A..(A + B)], arena[(A + B)..(A + B + C)], arena[(A + B + C)..(A + B + C + D)], arena[(A + B + C + D)..]]);
        float[][] gradients = [gradient[..A], gradient[..B], gradient[..C], gradient[..D], gradient[..E]];
        var shared = new PlanAdamW();
        var separate = new PlanAdamW();

        for (int step = 0; step < 3; step++)
        {
            // Every parameter right after the previous one in one array, every gradient a prefix of one array.
            Assert.True(shared.StepAll(
                arena.AsSpan(0, A), gradient.AsSpan(0, A),
                arena.AsSpan(A, B), gradient.AsSpan(0, B),
                arena.AsSpan(A + B, C), gradient.AsSpan(0, C),
                arena.AsSpan(A + B + C, D), gradient.AsSpan(0, D),
                arena.AsSpan(A + B + C + D, E), gradient.AsSpan(0, E)));
            Assert.True(separate.StepAll(
                copies[0], gradients[0], copies[1], gradients[1], copies[2], gradients[2], copies[3], gradients[3], copies[4], gradients[4]));
        }

        Assert.Equal(StepPlanTests.Bits(copies.SelectMany(c => c).ToArray()), StepPlanTests.Bits(arena));
        StateSnapshot.Of(separate).AssertSameAs(shared);
    }

    [Fact]
    public void A_layout_that_stepped_before_is_checked_again_when_it_changes()
    {
        var optimizer = new PlanAdamW();
        float[][] p = StepPlanTests.Draw(1, 1f, A, B, C, D, E);
        float[][] g = StepPlanTests.Draw(2, 1f, A, B, C, D, E);
        Assert.True(optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4]));
        StateSnapshot state = StateSnapshot.Of(optimizer);

        // e's parameter now the last three elements of b's: refused, though every other span is as before.
        Assert.Throws<ArgumentException>(() => optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[1].AsSpan(B - E), g[4]));
        state.AssertSameAs(optimizer);
        Assert.True(optimizer.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4]));
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void Sixteen_bit_parameters_are_measured_in_their_own_bytes()
    {
        const int PlanA = 40_000, PlanB = 20_000, PlanC = 1_003;
        var optimizer = new PlanMixedPrecision();
        float[] arena = new float[PlanB / 2 + PlanA];
        Span<BFloat16> b = MemoryMarshal.Cast<float, BFloat16>(arena.AsSpan(0, PlanB / 2));
        BFloat16[] bGradient = new BFloat16[PlanB];
        Half[] c = new Half[PlanC];
        float[] aGradient = Draw(2, PlanA), cGradient = Draw(3, PlanC);

        // b's 20,000 bfloat16 fill the first 10,000 floats' bytes: a right after them touches, one float earlier overlaps.
        Assert.True(optimizer.StepAll(arena.AsSpan(PlanB / 2, PlanA), aGradient, b, bGradient, c, cGradient));
        var refused = Assert.Throws<ArgumentException>(() =>
            optimizer.StepAll(arena.AsSpan(PlanB / 2 - 1, PlanA), aGradient, MemoryMarshal.Cast<float, BFloat16>(arena.AsSpan(0, PlanB / 2)), bGradient, c, cGradient));
        Assert.Contains("'a'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void By_name_too_a_shared_parameter_is_refused_before_any_set_is_created()
    {
        var optimizer = new PlanAdamW();
        float[] weights = Draw(1, 64), gradient = Draw(2, 64);
        int sets = optimizer.States.Count;

        var refused = Assert.Throws<ArgumentException>(() => optimizer.StepAll(new[]
        {
            new NamedParameter("encoder", weights, gradient),
            new NamedParameter("decoder", weights.AsMemory(32, 32), gradient.AsMemory(0, 32)),
        }));

        Assert.Contains("'encoder'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'decoder'", refused.Message, StringComparison.Ordinal);
        Assert.Equal("parameters", refused.ParamName);
        Assert.Equal(sets, optimizer.States.Count);
        Assert.Equal(0, optimizer.StepCount);

        // One gradient read by two sets is fine.
        Assert.True(optimizer.StepAll(new[]
        {
            new NamedParameter("encoder", weights.AsMemory(0, 32), gradient.AsMemory(0, 32)),
            new NamedParameter("decoder", weights.AsMemory(32, 32), gradient.AsMemory(0, 32)),
        }));
    }

    private static float[] Draw(int seed, int length) => StepPlanTests.Draw(seed, 1f, length)[0];
}
