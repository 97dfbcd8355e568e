using System;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// Past the step where βᵗ can no longer move 1 − βᵗ, <c>Prepare</c> skips the power. The double kernel must still
/// give the seed's bits on every step across it (β₂ = 1 − 2⁻⁹ saturates near step 19,500).
/// </summary>
public sealed class SaturatedBiasCorrectionTests
{
    private const int Length = 19;
    private const int Steps = 20_000;

    [Fact]
    public void The_double_kernel_matches_the_seed_bit_for_bit_on_every_step_past_the_saturation()
    {
        var optimizer = new NameKeyedDoubleAdam();
        var reference = new SeedReference(0.01f, 0.875f, 0.998046875f, 1e-8f, 0.01f);
        var random = new SplitMix64(7);
        float[] parameter = new float[Length], expected = new float[Length], m = new float[Length], v = new float[Length];
        float[] gradient = new float[Length];
        random.Fill(parameter, 1f);
        parameter.CopyTo(expected, 0);

        for (int step = 1; step <= Steps; step++)
        {
            random.Fill(gradient, 1f);
            optimizer.Step("w", parameter, gradient);
            optimizer.EndIteration();
            reference.Update(expected, gradient, m, v);
            reference.EndIteration();

            if (!parameter.AsSpan().SequenceEqual(expected))
            {
                Assert.Fail($"Step {step}: the parameters differ from the seed's.");
            }
        }
    }
}
