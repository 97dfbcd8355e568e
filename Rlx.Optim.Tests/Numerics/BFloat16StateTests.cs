using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Rlx.Optim.CompilerServices;
using Xunit.Abstractions;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// The evidence for storing Adam's moments as bfloat16 with stochastic rounding: on a smooth problem over 10,000 steps
/// at β₂ = 0.999, a second moment stored rounded to nearest cannot fall (it freezes near its peak while float's decays
/// by orders of magnitude) and the loss stalls, while stochastic rounding keeps v within a bound that follows from
/// bfloat16's resolution and the EMA's averaging, and the loss with float's. This study is the rule written out
/// (<see cref="RunAdam"/>), not the library's kernels; <c>SixteenBit/BFloat16StateLongRunTests</c> runs the generated
/// Adam with bfloat16 state on the same problem (<see cref="IllConditionedLeastSquares"/>) against these bounds.
/// </summary>
/// <remarks>
/// Scalar code only, in a fixed order, with no <c>Math.Pow</c> (βᵗ is a running product): the same numbers on every
/// run and every machine, which <see cref="Figures_are_the_same_on_every_run_and_machine"/> pins.
/// </remarks>
public sealed class BFloat16StateTests
{
    /// <summary>Where the table of figures (README, "16-bit numbers") is taken.</summary>
    private static readonly int[] Checkpoints = [100, 1_000, 3_000, 5_000, 10_000];

    private const int Steps = 10_000;

    /// <summary>Adam's hyperparameters as PyTorch's defaults, learning rate 10⁻³.</summary>
    private const double LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    /// <summary>
    /// The stochastic rounding seed; m draws from stream 0 and v from stream 1 (one stream per buffer).
    /// </summary>
    private const ulong Seed = 0x5EED_B16;

    private const int MomentStream = 0, SecondMomentStream = 1;

    /// <summary>
    /// Half a bfloat16 gap, relative to the value, is more than 2⁻⁹ ≈ 0.00195 everywhere in the normal range (the gap
    /// below 2ᵉ is 2ᵉ⁻⁸, the gap in [2ᵉ, 2ᵉ⁺¹) is 2ᵉ⁻⁷). A step of v is β₂v + (1 − β₂)g² ≥ v − 0.001·v, so under
    /// round-to-nearest v never falls when 1 − β₂ is below 2⁻⁹.
    /// </summary>
    private const double HalfGapRelativeMinimum = 1.0 / 512;

    private static readonly Lazy<Experiment> Results = new(Experiment.Run);

    private readonly ITestOutputHelper _output;

    public BFloat16StateTests(ITestOutputHelper output) => _output = output;

    /// <summary>How a moment is stored between steps.</summary>
    public enum MomentStore
    {
        /// <summary>As computed, a float.</summary>
        Float,

        /// <summary>Rounded to the nearest bfloat16, ties to even: <c>(BFloat16)x</c>.</summary>
        BFloat16Nearest,

        /// <summary>
        /// Rounded stochastically to a bfloat16: <see cref="StochasticRounding.ToBFloat16(float, ulong, int)"/>.
        /// </summary>
        BFloat16Stochastic,
    }

    [Fact]
    public void Round_to_nearest_cannot_let_the_second_moment_fall_at_beta2_0_999()
    {
        // The premise, in constants: one EMA step lowers v by at most 1 − β₂, less than half a bf16 gap relative to v
        // (HalfGapRelativeMinimum), so rounding to nearest always returns the old v on the way down.
        Experiment e = Results.Value;

        // Under the float run's gradients, and in the run of its own: every element, every step.
        Assert.Equal(0, e.NearestShadowFalls);
        Assert.Equal(0, e.Runs[MomentStore.BFloat16Nearest].SecondMomentFalls);

        // While float's v falls from its peak by orders of magnitude (the log-mean factor, per checkpoint): at least
        // 10 by 5,000 steps and 1,000 by 10,000. That is what the problem must show for the stall to matter.
        Assert.True(e.FloatDecayLog10[3] > 1, $"float v fell 10^{e.FloatDecayLog10[3]:F2} by step 5,000");
        Assert.True(e.FloatDecayLog10[4] > 3, $"float v fell 10^{e.FloatDecayLog10[4]:F2} by step 10,000");
    }

    [Fact]
    public void Round_to_nearest_second_moment_stays_far_above_float()
    {
        Experiment e = Results.Value;

        // v under round-to-nearest cannot fall (above), and on the way up it keeps moving while its increment is at
        // least half a gap, g² > v(1 + 2⁻⁸/(1 − β₂)) ≈ 4.9v at worst: it stalls within a factor of about five of the
        // float peak. With float's v more than ten times below its peak (log-mean) by 5,000 steps and a thousand times
        // by 10,000 (asserted above), the mean of v_nearest/v_float is at least 10/5 and 1,000/5 (the arithmetic mean
        // is at least the geometric one), so the RMS relative error is at least 1 and 199.
        Assert.True(e.ShadowError[MomentStore.BFloat16Nearest][3] > 1, Describe(e));
        Assert.True(e.ShadowError[MomentStore.BFloat16Nearest][4] > 100, Describe(e));
        Assert.True(e.Runs[MomentStore.BFloat16Nearest].SecondMomentError[3] > 1, Describe(e));
        Assert.True(e.Runs[MomentStore.BFloat16Nearest].SecondMomentError[4] > 100, Describe(e));
    }

    [Fact]
    public void Stochastic_second_moment_stays_within_the_bound_from_bfloat16_resolution()
    {
        Experiment e = Results.Value;

        // Under the same gradients the error e of the stochastically rounded v follows e ← β₂e + δ, with δ the
        // rounding's error: zero mean, variance p(1 − p)·gap² ≤ gap²/4 ≤ 2⁻¹⁶u² (the gap is at most 2⁻⁷ of the value u
        // rounded). So E[e²]/v² obeys R ← β₂²(1 + 2⁻¹⁶)(v_prev/v)²·R + 2⁻¹⁶ along the float run's v, which the
        // experiment accumulates per element (Experiment.StochasticBound). The mean square's expectation is about a
        // third of the bound (p(1 − p) averages 1/6, not 1/4, and the gap is on average nearer 2⁻⁷·⁵ of the value than
        // 2⁻⁷), and a mean over 128 independent elements is within about ±13% (one σ) of its expectation: the mean
        // square reaching the bound would be a deviation of more than ten σ.
        for (int c = 0; c < Checkpoints.Length; c++)
        {
            double bound = e.StochasticBound[c];
            Assert.True(e.ShadowError[MomentStore.BFloat16Stochastic][c] <= bound, $"step {Checkpoints[c]}: {Describe(e)}");
        }
    }

    [Fact]
    public void Loss_under_stochastic_rounding_tracks_float_and_under_round_to_nearest_stalls()
    {
        Experiment e = Results.Value;
        double[] single = e.Runs[MomentStore.Float].Loss;
        double[] nearest = e.Runs[MomentStore.BFloat16Nearest].Loss;
        double[] stochastic = e.Runs[MomentStore.BFloat16Stochastic].Loss;

        // Stochastic rounding is unbiased, so it scales each element's step by a factor (1 + ε)^(-1/2), ε being v's
        // relative error, whose random part averages out over elements and steps; its systematic part,
        // (3/8)E[ε²], is under 5% at the end of the run by the bound above, and about half that on average over the
        // run (the bound on E[ε²] grows about linearly with the steps). Compounded over the ln(L₀/L) ≈ 16 e-folds the
        // loss falls in 10,000 steps, that moves the loss by a factor of about e^0.4 ≈ 1.5 at most: a factor of two
        // either way.
        for (int c = 0; c < Checkpoints.Length; c++)
        {
            double ratio = stochastic[c] / single[c];
            Assert.True(ratio is > 0.5 and < 2, $"step {Checkpoints[c]}: stochastic/float = {ratio}. {Describe(e)}");
        }

        // Round-to-nearest's v, frozen above float's by a factor that grows from ten (5,000 steps) to a thousand
        // (10,000; above), makes its steps three to thirty times smaller (the square root) over the second half of
        // the run, in which float's loss falls by two orders of magnitude: it ends at least ten times above float's.
        Assert.True(nearest[^1] > 10 * single[^1], Describe(e));
        Assert.True(nearest[^1] > 10 * stochastic[^1], Describe(e));
    }

    [Fact]
    public void Figures_are_the_same_on_every_run_and_machine()
    {
        string table = Results.Value.Table();
        _output.WriteLine(table);
        _output.WriteLine(Describe(Results.Value));

        // The README's table ("16-bit numbers"), to three significant digits.
        const string Expected = """
            | step | loss, float | loss, bf16 nearest | loss, bf16 stochastic | v error, bf16 nearest | v error, bf16 stochastic |
            |---:|---:|---:|---:|---:|---:|
            | 100 | 2.26e-01 | 2.26e-01 | 2.26e-01 | 3.91e-02 | 1.52e-02 |
            | 1,000 | 1.14e-02 | 8.74e-03 | 1.16e-02 | 3.87e-01 | 5.20e-02 |
            | 3,000 | 5.93e-05 | 1.43e-04 | 6.12e-05 | 6.92e+00 | 9.15e-02 |
            | 5,000 | 4.40e-06 | 3.67e-05 | 4.36e-06 | 5.42e+01 | 1.28e-01 |
            | 10,000 | 3.86e-08 | 6.53e-06 | 3.70e-08 | 7.57e+03 | 1.85e-01 |
            """;
        Assert.Equal(Expected.ReplaceLineEndings("\n").TrimEnd(), table.ReplaceLineEndings("\n").TrimEnd());
    }

    private static string Describe(Experiment e)
    {
        var text = new StringBuilder();
        for (int c = 0; c < Checkpoints.Length; c++)
        {
            text.Append(CultureInfo.InvariantCulture, $"step {Checkpoints[c]}: loss F {e.Runs[MomentStore.Float].Loss[c]:E3}")
                .Append(CultureInfo.InvariantCulture, $" N {e.Runs[MomentStore.BFloat16Nearest].Loss[c]:E3}")
                .Append(CultureInfo.InvariantCulture, $" S {e.Runs[MomentStore.BFloat16Stochastic].Loss[c]:E3};")
                .Append(CultureInfo.InvariantCulture, $" v error (run) N {e.Runs[MomentStore.BFloat16Nearest].SecondMomentError[c]:G3}")
                .Append(CultureInfo.InvariantCulture, $" S {e.Runs[MomentStore.BFloat16Stochastic].SecondMomentError[c]:G3};")
                .Append(CultureInfo.InvariantCulture, $" v error (float's gradients) N {e.ShadowError[MomentStore.BFloat16Nearest][c]:G3}")
                .Append(CultureInfo.InvariantCulture, $" S {e.ShadowError[MomentStore.BFloat16Stochastic][c]:G3}")
                .Append(CultureInfo.InvariantCulture, $" bound {e.StochasticBound[c]:G3};")
                .Append(CultureInfo.InvariantCulture, $" float v below its peak 10^{e.FloatDecayLog10[c]:F2}")
                .AppendLine();
        }

        return text.ToString();
    }

    /// <summary>What one run records at each checkpoint.</summary>
    private sealed class Trajectory
    {
        public double[] Loss { get; } = new double[Checkpoints.Length];

        public float[][] SecondMoment { get; } = new float[Checkpoints.Length][];

        /// <summary>
        /// v's RMS relative error against the float run's, per checkpoint (filled in by the experiment).
        /// </summary>
        public double[] SecondMomentError { get; } = new double[Checkpoints.Length];

        /// <summary>How many times a stored v fell from one step to the next, over every element and step.</summary>
        public int SecondMomentFalls { get; set; }
    }

    /// <summary>
    /// Adam as PyTorch states it (torch.optim.Adam, no weight decay, no AMSGrad), written out here from the rule and
    /// not from the library's kernels, in float arithmetic: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
    /// θ ← θ − (lr/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + ε), the per-step factors in double and rounded to float once, as
    /// PyTorch does with its Python floats. The step uses the moments as computed; they are then stored as
    /// <paramref name="store"/> says, which is what the next step reads (a fused kernel keeps the moments in float
    /// registers for the update and rounds them when it stores them). Stochastic rounding draws from
    /// (<see cref="Seed"/>, one stream per buffer, step t, element index). <paramref name="gradients"/>, if given,
    /// sees every step's gradient.
    /// </summary>
    private static Trajectory RunAdam(IllConditionedLeastSquares problem, MomentStore store, Action<long, float[]>? gradients = null)
    {
        const float B1 = (float)Beta1, OneMinusB1 = (float)(1 - Beta1);
        const float B2 = (float)Beta2, OneMinusB2 = (float)(1 - Beta2);
        const float Eps = (float)Epsilon;
        int n = IllConditionedLeastSquares.Parameters;
        float[] theta = new float[n], m = new float[n], v = new float[n], g = new float[n];
        var trajectory = new Trajectory();
        double beta1Power = 1, beta2Power = 1;
        int checkpoint = 0;
        for (long t = 1; t <= Steps; t++)
        {
            problem.Gradient(theta, g);
            gradients?.Invoke(t, g);

            beta1Power *= Beta1;
            beta2Power *= Beta2;
            float stepSize = (float)(LearningRate / (1 - beta1Power));
            float biasCorrection2Sqrt = (float)Math.Sqrt(1 - beta2Power);
            ulong mKey = StochasticRounding.StepKey(Seed, MomentStream, t);
            ulong vKey = StochasticRounding.StepKey(Seed, SecondMomentStream, t);

            for (int i = 0; i < n; i++)
            {
                float mi = (B1 * m[i]) + (OneMinusB1 * g[i]);
                float vi = (B2 * v[i]) + (OneMinusB2 * g[i] * g[i]);
                float denominator = (MathF.Sqrt(vi) / biasCorrection2Sqrt) + Eps;
                theta[i] -= stepSize * mi / denominator;

                float stored = Keep(store, vi, vKey, i);
                if (stored < v[i])
                {
                    trajectory.SecondMomentFalls++;
                }

                m[i] = Keep(store, mi, mKey, i);
                v[i] = stored;
            }

            if (checkpoint < Checkpoints.Length && t == Checkpoints[checkpoint])
            {
                trajectory.Loss[checkpoint] = problem.Loss(theta);
                trajectory.SecondMoment[checkpoint] = (float[])v.Clone();
                checkpoint++;
            }
        }

        return trajectory;
    }

    private static float Keep(MomentStore store, float x, ulong key, int index) => store switch
    {
        MomentStore.Float => x,
        MomentStore.BFloat16Nearest => (BFloat16)x,
        _ => StochasticRounding.ToBFloat16(x, key, index),
    };

    /// <summary>The three runs, and the second moment of each store under the float run's own gradients.</summary>
    private sealed class Experiment
    {
        public Dictionary<MomentStore, Trajectory> Runs { get; } = [];

        /// <summary>
        /// The v error of each bfloat16 store when fed the float run's gradients (no feedback through θ).
        /// </summary>
        public Dictionary<MomentStore, double[]> ShadowError { get; } = [];

        /// <summary>
        /// The bound on the stochastic shadow's RMS relative error: sqrt of the mean over elements of R.
        /// </summary>
        public double[] StochasticBound { get; } = new double[Checkpoints.Length];

        /// <summary>log-mean over elements of (the float run's peak v so far)/(its v), as log₁₀.</summary>
        public double[] FloatDecayLog10 { get; } = new double[Checkpoints.Length];

        /// <summary>How many times the round-to-nearest shadow's v fell from one step to the next.</summary>
        public int NearestShadowFalls { get; private set; }

        public static Experiment Run()
        {
            var problem = new IllConditionedLeastSquares();
            var e = new Experiment();
            int n = IllConditionedLeastSquares.Parameters;

            // The shadows: v alone, stored each way, from the float run's gradients; and the bound's R per element.
            const float B2 = (float)Beta2, OneMinusB2 = (float)(1 - Beta2);
            float[] single = new float[n], nearest = new float[n], stochastic = new float[n], peak = new float[n];
            double[] r = new double[n];
            var nearestError = new double[Checkpoints.Length];
            var stochasticError = new double[Checkpoints.Length];
            int checkpoint = 0;
            void Shadow(long t, float[] g)
            {
                ulong vKey = StochasticRounding.StepKey(Seed, SecondMomentStream, t);
                for (int i = 0; i < n; i++)
                {
                    float g2 = OneMinusB2 * g[i] * g[i];
                    float previous = single[i];
                    single[i] = (B2 * single[i]) + g2;
                    float roundedNearest = (BFloat16)((B2 * nearest[i]) + g2);
                    if (roundedNearest < nearest[i])
                    {
                        e.NearestShadowFalls++;
                    }

                    nearest[i] = roundedNearest;
                    stochastic[i] = StochasticRounding.ToBFloat16((B2 * stochastic[i]) + g2, vKey, i);
                    peak[i] = Math.Max(peak[i], single[i]);

                    r[i] = SecondMomentBound.Next(r[i], Beta2, previous, single[i]);
                }

                if (checkpoint < Checkpoints.Length && t == Checkpoints[checkpoint])
                {
                    nearestError[checkpoint] = SecondMomentBound.RmsRelativeError(nearest, single);
                    stochasticError[checkpoint] = SecondMomentBound.RmsRelativeError(stochastic, single);
                    e.StochasticBound[checkpoint] = Math.Sqrt(r.Average());
                    e.FloatDecayLog10[checkpoint] = Enumerable.Range(0, n).Average(i => Math.Log10(peak[i] / (double)single[i]));
                    checkpoint++;
                }
            }

            e.Runs[MomentStore.Float] = RunAdam(problem, MomentStore.Float, Shadow);
            e.Runs[MomentStore.BFloat16Nearest] = RunAdam(problem, MomentStore.BFloat16Nearest);
            e.Runs[MomentStore.BFloat16Stochastic] = RunAdam(problem, MomentStore.BFloat16Stochastic);
            e.ShadowError[MomentStore.BFloat16Nearest] = nearestError;
            e.ShadowError[MomentStore.BFloat16Stochastic] = stochasticError;

            float[][] reference = e.Runs[MomentStore.Float].SecondMoment;
            foreach (Trajectory run in e.Runs.Values)
            {
                for (int c = 0; c < Checkpoints.Length; c++)
                {
                    run.SecondMomentError[c] = SecondMomentBound.RmsRelativeError(run.SecondMoment[c], reference[c]);
                }
            }

            return e;
        }

        /// <summary>
        /// The README's table: the three runs' loss, and v's RMS relative error against the float run's.
        /// </summary>
        public string Table()
        {
            var text = new StringBuilder();
            text.AppendLine("| step | loss, float | loss, bf16 nearest | loss, bf16 stochastic | v error, bf16 nearest | v error, bf16 stochastic |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|");
            for (int c = 0; c < Checkpoints.Length; c++)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Checkpoints[c]:N0} ")
                    .Append(CultureInfo.InvariantCulture, $"| {Runs[MomentStore.Float].Loss[c]:0.00e+00} ")
                    .Append(CultureInfo.InvariantCulture, $"| {Runs[MomentStore.BFloat16Nearest].Loss[c]:0.00e+00} ")
                    .Append(CultureInfo.InvariantCulture, $"| {Runs[MomentStore.BFloat16Stochastic].Loss[c]:0.00e+00} ")
                    .Append(CultureInfo.InvariantCulture, $"| {Runs[MomentStore.BFloat16Nearest].SecondMomentError[c]:0.00e+00} ")
                    .Append(CultureInfo.InvariantCulture, $"| {Runs[MomentStore.BFloat16Stochastic].SecondMomentError[c]:0.00e+00} |")
                    .AppendLine();
            }

            return text.ToString();
        }
    }
}
