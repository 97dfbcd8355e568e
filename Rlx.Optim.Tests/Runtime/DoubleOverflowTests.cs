using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// Where (1 − β₂)·g² overflows float (or Adagrad's sum + g², RMSprop's αv + (1 − α)g²), PyTorch's float state holds
/// v = +∞, the denominator is infinite and the element does not move (LAMB's u is 0 there, as in Optax's float32,
/// and its neighbours' ratio stays finite). The <c>Double</c> kernels compute v in double, where it is finite; outside
/// the seed's own Adam rule they take the step with v as the float state holds it, so they agree with PyTorch; the
/// seed's Adam keeps its bits.
/// </summary>
public sealed class DoubleOverflowTests
{
    private const int Length = 37; // a 512-bit vector, part of another, and the tail

    /// <summary>Finite as a float, but (1 − 0.999)·g² is about 1e39, beyond float's 3.4e38.</summary>
    private const float Huge = 1e21f;

    public static TheoryData<string> FollowingPyTorch() => ["AdamW", "NAdam", "RAdam", "Adam AMSGrad", "Single AdamW", "Adagrad", "RMSprop", "LAMB", "Single LAMB", "ScheduleFree"];

    [Theory]
    [MemberData(nameof(FollowingPyTorch))]
    public void An_element_whose_second_moment_overflows_float_does_not_move(string name)
    {
        IOptimizer optimizer = Create(name);
        float[] parameter = Filled(1f), gradient = Filled(0.5f);

        // RAdam takes un-adapted steps (no v) until ρₜ > 5; the sixth step is the first adapted one at β₂ = 0.999.
        // v must overflow on the step observed: a v stored as ∞ before stays ∞ whatever the kernel computes.
        int steps = name == "RAdam" ? 6 : 1;
        for (int t = 1; t < steps; t++)
        {
            optimizer.Step("w", parameter, gradient);
            optimizer.EndIteration();
        }

        gradient[0] = Huge;
        float before = parameter[0];
        float neighbour = parameter[1];
        optimizer.Step("w", parameter, gradient);

        Assert.Equal(before, parameter[0]);
        Assert.NotEqual(neighbour, parameter[1]);
        Assert.True(optimizer.TryGetState("w", out ParameterState? state));
        string secondMoment = name switch { "Adagrad" => "sum", "RMSprop" => "square_avg", _ => "exp_avg_sq" };
        Assert.Equal(float.PositiveInfinity, state[secondMoment].Span[0]);
    }

    [Fact]
    public void The_seeds_Adam_in_double_still_takes_the_step_with_its_finite_double_moment()
    {
        IOptimizer optimizer = new DoubleOverflowAdam();
        float[] parameter = Filled(1f), gradient = Filled(0.5f);
        gradient[0] = Huge;

        optimizer.Step("w", parameter, gradient);

        Assert.NotEqual(1f, parameter[0]);
        Assert.True(optimizer.TryGetState("w", out ParameterState? state));
        Assert.Equal(float.PositiveInfinity, state.Buffers[1].Span[0]);
    }

    [Fact]
    public void AsFloatRange_is_infinite_exactly_where_a_float_would_be()
    {
        double threshold = KernelMath.FloatOverflowThreshold;
        Assert.Equal(float.PositiveInfinity, (float)threshold);
        Assert.Equal(float.MaxValue, (float)Math.BitDecrement(threshold));

        var random = new Random(12);
        double[] values = new double[4096];
        for (int i = 0; i < values.Length; i++)
        {
            double scale = i % 3 == 0 ? threshold : Math.Pow(2, random.Next(-1100, 1024));
            values[i] = (random.NextDouble() * 2 - 1) * scale * (1 + (random.NextDouble() - 0.5) * 1e-7);
        }

        values[0] = threshold;
        values[1] = Math.BitDecrement(threshold);
        values[2] = -threshold;
        values[3] = double.NaN;
        values[4] = double.PositiveInfinity;
        values[5] = double.MaxValue;

        for (int i = 0; i + Vector<double>.Count <= values.Length; i += Vector<double>.Count)
        {
            Vector<double> wide = KernelMath.AsFloatRange(new Vector<double>(values, i));
            for (int lane = 0; lane < Vector<double>.Count; lane++)
            {
                AssertLane(values[i + lane], wide[lane]);
            }
        }

        for (int i = 0; i + Vector512<double>.Count <= values.Length; i += Vector512<double>.Count)
        {
            Vector512<double> wide = KernelMath.AsFloatRange(Vector512.Create(values.AsSpan(i, Vector512<double>.Count)));
            for (int lane = 0; lane < Vector512<double>.Count; lane++)
            {
                AssertLane(values[i + lane], wide[lane]);
            }
        }

        static void AssertLane(double x, double result)
        {
            double expected = float.IsInfinity((float)x) ? (x > 0 ? double.PositiveInfinity : double.NegativeInfinity) : x;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(result));
        }
    }

    private static float[] Filled(float value)
    {
        float[] values = new float[Length];
        Array.Fill(values, value);
        return values;
    }

    private static IOptimizer Create(string name) => name switch
    {
        "AdamW" => new DoubleOverflowAdamW(),
        "NAdam" => new DoubleOverflowNAdam(),
        "RAdam" => new DoubleOverflowRAdam(),
        "Adam AMSGrad" => new DoubleOverflowAmsGrad(),
        "Adagrad" => new DoubleOverflowAdagrad(),
        "RMSprop" => new DoubleOverflowRMSprop(),
        "LAMB" => new DoubleOverflowLamb(),
        "Single LAMB" => new SingleOverflowLamb(),
        "ScheduleFree" => new DoubleOverflowScheduleFree(),
        _ => new SingleOverflowAdamW(),
    };
}

[AdamOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowAdam;

[AdamWOptimizer(Precision = OptimizerPrecision.Double, WeightDecay = 0)]
public partial class DoubleOverflowAdamW;

[NAdamOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowNAdam;

[RAdamOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowRAdam;

[AdamOptimizer(Precision = OptimizerPrecision.Double, AmsGrad = true)]
public partial class DoubleOverflowAmsGrad;

[AdamWOptimizer(WeightDecay = 0)]
public partial class SingleOverflowAdamW;

[AdagradOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowAdagrad;

[RMSpropOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowRMSprop;

[LambOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowLamb;

[LambOptimizer]
public partial class SingleOverflowLamb;

// Schedule-Free's first step: z = y and c₁ = 1, so an element whose base step is 0 (g/∞) stays where it is.
[ScheduleFreeAdamWOptimizer(Precision = OptimizerPrecision.Double)]
public partial class DoubleOverflowScheduleFree;
