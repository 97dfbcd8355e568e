using System;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// Float Adam's rare path is chosen per group of four vectors but its arithmetic per lane: a lane's result never
/// depends on its neighbours (which is also what keeps a split across cores bit-identical), and lanes whose moments
/// overflow get the rule's answer, not the fast division's.
/// </summary>
public sealed class RareLaneTests
{
    /// <summary>As large as a step (lr = 0.001), so a change in the step's last bit shows in θ's.</summary>
    private const float InitialWeight = 1e-3f;

    /// <summary>In a group, in a single vector after the groups, and in the partial last vector.</summary>
    private static readonly int[] SpecialLanes = [17, 200, 520, 546];

    [Fact]
    public void Lanes_beside_an_overflowing_one_give_the_same_bits_as_without_it()
    {
        int length = ExactMomentsAdam.WLength;
        var plain = new ExactMomentsAdam();
        var special = new ExactMomentsAdam();
        float[] plainWeights = Weights(length), specialWeights = Weights(length);
        var random = new Random(11);

        for (int step = 0; step < 3; step++)
        {
            float[] gradient = new float[length];
            for (int i = 0; i < length; i++)
            {
                gradient[i] = (random.NextSingle() - 0.5f) * MathF.ScaleB(1f, random.Next(-20, 10));
            }

            float[] specialGradient = (float[])gradient.Clone();
            if (step == 0)
            {
                specialGradient[SpecialLanes[0]] = 1e30f; // v overflows to +∞, m stays finite
                specialGradient[SpecialLanes[1]] = float.PositiveInfinity;
                specialGradient[SpecialLanes[2]] = -1e30f;
                specialGradient[SpecialLanes[3]] = float.NaN;
            }

            plain.StepW(plainWeights, gradient);
            plain.EndIteration();
            special.StepW(specialWeights, specialGradient);
            special.EndIteration();

            Assert.True(plain.TryGetState("w", out ParameterState? plainState));
            Assert.True(special.TryGetState("w", out ParameterState? specialState));
            for (int i = 0; i < length; i++)
            {
                if (Array.IndexOf(SpecialLanes, i) >= 0)
                {
                    continue;
                }

                FloatAssert.SameBits(plainWeights[i], specialWeights[i], $"step {step + 1}, θ[{i}]");
                FloatAssert.SameBits(plainState.Buffer(0)[i], specialState.Buffer(0)[i], $"step {step + 1}, exp_avg[{i}]");
                FloatAssert.SameBits(plainState.Buffer(1)[i], specialState.Buffer(1)[i], $"step {step + 1}, exp_avg_sq[{i}]");
            }

            // |g| = 1e30: m = ±1e29·(decaying), v = +∞, so m/(√v̂ + ε) = 0 and θ never moves (the seed's float storage too).
            foreach (int lane in new[] { SpecialLanes[0], SpecialLanes[2] })
            {
                FloatAssert.SameBits(InitialWeight, specialWeights[lane], $"step {step + 1}, θ[{lane}] under an infinite second moment");
                Assert.True(float.IsFinite(specialState.Buffer(0)[lane]), $"step {step + 1}, exp_avg[{lane}] = {specialState.Buffer(0)[lane]:R}");
                Assert.True(float.IsPositiveInfinity(specialState.Buffer(1)[lane]), $"step {step + 1}, exp_avg_sq[{lane}] = {specialState.Buffer(1)[lane]:R}");
            }

            // g = +∞: ∞/∞ makes θ NaN, and from then on the NaN θ makes its own moments NaN; a NaN gradient likewise.
            Assert.True(float.IsNaN(specialWeights[SpecialLanes[1]]), $"step {step + 1}, θ[{SpecialLanes[1]}] = {specialWeights[SpecialLanes[1]]:R}");
            Assert.True(float.IsNaN(specialWeights[SpecialLanes[3]]), $"step {step + 1}, θ[{SpecialLanes[3]}] = {specialWeights[SpecialLanes[3]]:R}");
        }
    }

    private static float[] Weights(int length)
    {
        float[] weights = new float[length];
        Array.Fill(weights, InitialWeight);
        return weights;
    }
}
