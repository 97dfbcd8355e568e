using System;
using Rlx.Optim.CompilerServices;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// Float Adam's rare exact path, lane by lane: where a new moment falls below float's normal range, both moments of
/// that lane are computed in double and rounded once; elsewhere they are the float arithmetic's. The set spans
/// groups of four vectors (tested together), single vectors and a partial one, at whichever width runs.
/// </summary>
public sealed class SubnormalMomentTests
{
    private const double Beta1 = 0.9, Beta2 = 0.999;

    [Fact]
    public void Moments_below_the_normal_range_are_rounded_once_in_every_lane()
    {
        var optimizer = new ExactMomentsAdam();
        int length = ExactMomentsAdam.WLength;
        float[] weights = new float[length], gradient = new float[length];
        for (int i = 0; i < length; i++)
        {
            weights[i] = 1f;
            // Magnitudes from 2⁻⁶⁰ (v subnormal) down to 2⁻¹⁴⁹ (g itself subnormal), mixed with normal moments.
            gradient[i] = (i % 3 == 0 ? -1 : 1) * MathF.ScaleB(1.2345f + i % 7 * 0.1f, -(60 + i * 37 % 90));
        }

        float[] m = new float[length], v = new float[length];
        int exactLanes = 0;
        for (int step = 0; step < 2; step++)
        {
            for (int i = 0; i < length; i++)
            {
                exactLanes += Expected(ref m[i], ref v[i], gradient[i]) ? 1 : 0;
            }

            optimizer.StepW(weights, gradient);
            optimizer.EndIteration();

            Assert.True(optimizer.TryGetState("w", out ParameterState? state));
            for (int i = 0; i < length; i++)
            {
                FloatAssert.SameBits(m[i], state.Buffer(0)[i], $"step {step + 1}, exp_avg[{i}]");
                FloatAssert.SameBits(v[i], state.Buffer(1)[i], $"step {step + 1}, exp_avg_sq[{i}]");
            }
        }

        Assert.InRange(exactLanes, length / 2, 2 * length - 1); // both paths are exercised
    }

    /// <summary>
    /// One lane's new moments as the kernel defines them; true when the lane took the exact path. Over 512-bit vectors
    /// the kernel forms them with fused multiply-adds (m as a step towards g, v towards g²) and also sends infinite moments
    /// down the exact path.
    /// </summary>
    private static bool Expected(ref float m, ref float v, float g)
    {
        bool fused = KernelWidth.Uses512Bits;
        float floatM = fused ? MathF.FusedMultiplyAdd(g - m, (float)(1.0 - Beta1), m) : (float)Beta1 * m + (float)(1.0 - Beta1) * g;
        float cappedV = v < float.MaxValue ? v : float.MaxValue; // vminps: the second operand when either is NaN
        float floatV = fused ? MathF.FusedMultiplyAdd(g * g - cappedV, (float)(1.0 - Beta2), v) : (float)Beta2 * v + (float)(1.0 - Beta2) * g * g;
        bool rare = fused ? float.IsSubnormal(floatM) || float.IsInfinity(floatM) || float.IsSubnormal(floatV) || float.IsPositiveInfinity(floatV)
            : float.IsSubnormal(floatM) || float.IsSubnormal(floatV);
        if (rare)
        {
            m = (float)(Beta1 * m + (1.0 - Beta1) * g);
            v = (float)(Beta2 * v + (1.0 - Beta2) * g * (double)g);
            return true;
        }

        m = floatM;
        v = floatV;
        return false;
    }
}
