using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Rlx.Optim.Tests.Numerics;
using Xunit.Abstractions;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// The long run of the optimizer itself: the generated Adam with bfloat16 state against the generated Adam with float
/// state, 10,000 steps on the scalar study's ill-conditioned least-squares problem (<see cref="BFloat16StateTests"/>,
/// <see cref="IllConditionedLeastSquares"/>) at the study's settings (β₁ 0.9, β₂ 0.999, ε 1e-8, lr 1e-3, no decay; the
/// two declarations differ only in <c>StatePrecision</c>). The loss with bfloat16 state stays with float's, and its
/// second moment within the bound the study derives from bfloat16's resolution and the EMA's forgetting.
/// </summary>
/// <remarks>
/// Deterministic for a given vector width: the rounding bits are a hash of (seed, set, buffer, step, index), and the
/// float arithmetic is fixed. The 512-bit path and the <c>Vector&lt;T&gt;</c> path differ in a few float roundings
/// (fused moments, the refined reciprocal), so their figures differ slightly; CI runs both.
/// </remarks>
public sealed class BFloat16StateLongRunTests
{
    /// <summary>The scalar study's checkpoints.</summary>
    private static readonly int[] Checkpoints = [100, 1_000, 3_000, 5_000, 10_000];

    private const int Steps = 10_000;

    private const double Beta2 = 0.999;

    /// <summary>
    /// The declared seed (the scalar study's, <c>0x5EED_B16</c>), then seven more for the check of the mean. None was
    /// chosen by its result.
    /// </summary>
    private static readonly ulong[] Seeds = [0x5EED_B16, 1, 2, 3, 4, 5, 6, 7];

    private static readonly Lazy<Experiment> Results = new(Experiment.Run);

    private readonly ITestOutputHelper _output;

    public BFloat16StateLongRunTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Loss_with_bfloat16_state_stays_within_ten_percent_of_float_state()
    {
        Experiment e = Results.Value;
        _output.WriteLine(e.Table());
        _output.WriteLine(e.Describe());

        // The scalar study's stochastic run stays within 5% of float's at every checkpoint (4.1% at most, at step
        // 10,000). That is one draw of the rounding bits. Rerun with seeds 0 to 39 (a one-off exploration, README), the
        // study's own scalar rule and the generated optimizer scatter alike: the standard deviation over seeds of
        // ln(bf16/float) is 1.4%, 1.8%, 3.1% and 4.0–4.1% at steps 1,000, 3,000, 5,000 and 10,000 for both, the
        // mean within 1% of 0, and the extremes at step 10,000 0.92–1.09 (scalar) and 0.93–1.12 (generated). The
        // generated optimizer draws other bits than the study (its streams are 5·set + 1 + buffer, the study's 0 and
        // 1) and rounds its float arithmetic slightly differently (the kernel's folded form, fused at 512 bits), so it
        // is another draw from that spread, not the study's run. So 10%: twice the study's figure, and at least two
        // and a half standard deviations of one run at every checkpoint. A rounding that is biased fails it at once
        // (round-to-nearest state is a factor of 8 above float at step 5,000 and 170 at 10,000), while an unbiased
        // one's scatter passes. It is a bound on this run, whose bits are fixed, not on every seed: one seed in forty
        // reached 1.117 at step 10,000; the next test bounds the mean over seeds.
        for (int c = 0; c < Checkpoints.Length; c++)
        {
            double ratio = e.LossRatio[0][c];
            Assert.True(ratio is >= 0.9 and <= 1.1, $"step {Checkpoints[c]}: bf16/float = {ratio:F4}. {e.Describe()}");
        }
    }

    [Fact]
    public void Over_eight_seeds_the_loss_with_bfloat16_state_is_float_loss_within_five_percent()
    {
        Experiment e = Results.Value;

        // Stochastic rounding is unbiased, so the seed-to-seed scatter averages out: the geometric mean over eight seeds
        // of bf16/float has a standard deviation of about 4.0%/√8 = 1.4% at step 10,000 (less before), so the study's
        // "within 5%" holds for the mean with 3.5σ to spare, and a systematic effect of 5% (the study's analysis puts
        // the rounding's systematic part, (3/8)E[ε²] per step, under 5% by the end) would show.
        for (int c = 0; c < Checkpoints.Length; c++)
        {
            double meanLog = e.LossRatio.Average(run => Math.Log(run[c]));
            double mean = Math.Exp(meanLog);
            Assert.True(mean is >= 0.95 and <= 1.05, $"step {Checkpoints[c]}: geometric mean bf16/float = {mean:F4}. {e.Describe()}");
        }
    }

    [Fact]
    public void Second_moment_stays_within_the_bound_from_bfloat16_resolution()
    {
        Experiment e = Results.Value;

        // The study's bound (SecondMomentBound.Next, derived in BFloat16StateTests) is on the RMS relative error of a
        // stochastically rounded v fed the float run's gradients, accumulated along the float run's v: here the
        // generated bfloat16-state optimizer stepped with the float-state optimizer's gradients (the shadow), against
        // the float-state optimizer's v. The mean square's expectation is about a third of the bound's square.
        for (int c = 0; c < Checkpoints.Length; c++)
        {
            Assert.True(e.ShadowError[c] <= e.Bound[c], $"step {Checkpoints[c]}: {e.Describe()}");
        }

        // The runs on their own gradients: the bound is not derived for them (their θ, hence their gradients, drift from
        // float's by the few percent of loss above), but v's error is dominated by its own roundings, and every run of
        // every seed stays within it too (at 0.55–0.66 of it in the exploration).
        for (int s = 0; s < Seeds.Length; s++)
        {
            for (int c = 0; c < Checkpoints.Length; c++)
            {
                Assert.True(e.RunError[s][c] <= e.Bound[c], $"seed {Seeds[s]}, step {Checkpoints[c]}: {e.Describe()}");
            }
        }
    }

    /// <summary>
    /// The float-state run, the bfloat16-state runs (one per seed), and the bfloat16-state shadow of the float run.
    /// </summary>
    private sealed class Experiment
    {
        /// <summary>The float-state optimizer's loss at each checkpoint.</summary>
        public double[] FloatLoss { get; } = new double[Checkpoints.Length];

        /// <summary>Per seed, the bfloat16-state optimizer's loss at each checkpoint.</summary>
        public double[][] BFloat16Loss { get; } = new double[Seeds.Length][];

        /// <summary>Per seed, bfloat16-state loss / float-state loss at each checkpoint.</summary>
        public double[][] LossRatio { get; } = new double[Seeds.Length][];

        /// <summary>Per seed, v's RMS relative error, the bfloat16-state run against the float-state run.</summary>
        public double[][] RunError { get; } = new double[Seeds.Length][];

        /// <summary>
        /// v's RMS relative error of the bfloat16-state optimizer (declared seed) stepped with the float run's
        /// gradients, against the float run's v.
        /// </summary>
        public double[] ShadowError { get; } = new double[Checkpoints.Length];

        /// <summary>The study's bound on <see cref="ShadowError"/>, accumulated along the float run's v.</summary>
        public double[] Bound { get; } = new double[Checkpoints.Length];

        public static Experiment Run()
        {
            var problem = new IllConditionedLeastSquares();
            const int N = IllConditionedLeastSquares.Parameters;
            var e = new Experiment();
            float[][] floatSecondMoment = new float[Checkpoints.Length][];

            // The float-state run, with the bfloat16-state shadow stepped on its gradients (the shadow's θ is its own
            // and unused: without weight decay, v depends on the gradients alone) and the bound along its v.
            var single = new LongRunFloatStateAdam();
            var shadow = new LongRunBFloat16StateAdam();
            float[] theta = new float[N], shadowTheta = new float[N], g = new float[N];
            float[] v = new float[N], previous = new float[N], shadowV = new float[N];
            double[] r = new double[N];
            int checkpoint = 0;
            for (int t = 1; t <= Steps; t++)
            {
                problem.Gradient(theta, g);
                single.StepTheta(theta, g);
                shadow.StepTheta(shadowTheta, g);
                single.EndIteration();
                shadow.EndIteration();

                single.States[0]["exp_avg_sq"].CopyTo(v);
                for (int i = 0; i < N; i++)
                {
                    r[i] = SecondMomentBound.Next(r[i], Beta2, previous[i], v[i]);
                }

                v.CopyTo(previous, 0);
                if (checkpoint < Checkpoints.Length && t == Checkpoints[checkpoint])
                {
                    shadow.States[0]["exp_avg_sq"].CopyTo(shadowV);
                    e.FloatLoss[checkpoint] = problem.Loss(theta);
                    floatSecondMoment[checkpoint] = (float[])v.Clone();
                    e.ShadowError[checkpoint] = SecondMomentBound.RmsRelativeError(shadowV, v);
                    e.Bound[checkpoint] = Math.Sqrt(r.Average());
                    checkpoint++;
                }
            }

            // The bfloat16-state runs, each on its own gradients.
            for (int s = 0; s < Seeds.Length; s++)
            {
                var rounded = new LongRunBFloat16StateAdam { RoundingSeed = Seeds[s] };
                Array.Clear(theta);
                e.BFloat16Loss[s] = new double[Checkpoints.Length];
                e.LossRatio[s] = new double[Checkpoints.Length];
                e.RunError[s] = new double[Checkpoints.Length];
                checkpoint = 0;
                for (int t = 1; t <= Steps; t++)
                {
                    problem.Gradient(theta, g);
                    rounded.StepTheta(theta, g);
                    rounded.EndIteration();
                    if (checkpoint < Checkpoints.Length && t == Checkpoints[checkpoint])
                    {
                        rounded.States[0]["exp_avg_sq"].CopyTo(v);
                        e.BFloat16Loss[s][checkpoint] = problem.Loss(theta);
                        e.LossRatio[s][checkpoint] = e.BFloat16Loss[s][checkpoint] / e.FloatLoss[checkpoint];
                        e.RunError[s][checkpoint] = SecondMomentBound.RmsRelativeError(v, floatSecondMoment[checkpoint]);
                        checkpoint++;
                    }
                }
            }

            return e;
        }

        /// <summary>The README's table ("bfloat16 state"), for the declared seed.</summary>
        public string Table()
        {
            var text = new StringBuilder();
            text.AppendLine("| step | loss, float state | loss, bf16 state | bf16 / float | v error, own run | v error, float's gradients | bound |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            for (int c = 0; c < Checkpoints.Length; c++)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Checkpoints[c]:N0} | {FloatLoss[c]:0.00e+00} | {BFloat16Loss[0][c]:0.00e+00} ")
                    .Append(CultureInfo.InvariantCulture, $"| {LossRatio[0][c]:F3} | {RunError[0][c]:0.00e+00} | {ShadowError[c]:0.00e+00} ")
                    .Append(CultureInfo.InvariantCulture, $"| {Bound[c]:0.00e+00} |")
                    .AppendLine();
            }

            return text.ToString();
        }

        public string Describe()
        {
            var text = new StringBuilder();
            for (int c = 0; c < Checkpoints.Length; c++)
            {
                text.Append(CultureInfo.InvariantCulture, $"step {Checkpoints[c]}: float loss {FloatLoss[c]:E3}, bf16/float per seed")
                    .Append(string.Concat(LossRatio.Select(run => string.Create(CultureInfo.InvariantCulture, $" {run[c]:F4}"))))
                    .Append(CultureInfo.InvariantCulture, $" (geometric mean {Math.Exp(LossRatio.Average(run => Math.Log(run[c]))):F4})")
                    .Append(CultureInfo.InvariantCulture, $"; v error per seed")
                    .Append(string.Concat(RunError.Select(run => string.Create(CultureInfo.InvariantCulture, $" {run[c]:G3}"))))
                    .Append(CultureInfo.InvariantCulture, $", shadow {ShadowError[c]:G3}, bound {Bound[c]:G3}")
                    .AppendLine();
            }

            return text.ToString();
        }
    }
}
