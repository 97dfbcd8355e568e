using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;

namespace Rlx.Optim.Benchmarks;

/// <summary>The declared layouts <c>--whole-step</c> steps (<see cref="Gpt2Declaration"/>).</summary>
public enum WholeStepLayout
{
    /// <summary>GPT-2 small's 148 tensors with every dimension divided by 32: 125,208 parameters, in cache.</summary>
    Gpt2Miniature,

    /// <summary>GPT-2 small's 148 tensors: 124,439,808 parameters, 2 GB of θ, g, m and v.</summary>
    Gpt2Small,
}

/// <summary>
/// <c>--whole-step</c>: a whole training step over every declared set of a GPT-2 layout (<see cref="Gpt2SmallAdam"/>,
/// <see cref="Gpt2MiniatureAdam"/>: float Adam), on one thread and on two, four ways: (a) every set's own method in
/// turn, then <c>EndIteration</c> (what <c>StepAll</c> did before the step plan: each set of 65,536 elements or more its
/// own hand-off to the worker pool, each smaller one on the calling thread), the baseline; (b) <c>StepAll</c>, one pass
/// over every set (<c>StepPlan</c>: one hand-off per pass); (c) <c>StepAll</c> with <c>MaxGradientNorm = 1</c> (a pass
/// summing every gradient's squares, then the update scaling g as it reads it); (d) <c>StepAll</c> with
/// <c>SkipNonFiniteSteps</c> only (the same first pass, no scaling).
/// </summary>
/// <remarks>
/// Every case of a layout steps the same optimizer instance over the same θ, g and state (allocated once per process,
/// see <see cref="WholeStepFixture"/>): the cases differ only in the call and in the two settings, which each case's
/// setup sets. θ drifts from step to step; the work does not change. The gradients are finite, so (d) always steps.
/// </remarks>
[MemoryDiagnoser]
public class WholeStepBenchmarks
{
    private IDeclaredLayout _optimizer = null!;
    private ArraySegment<float>[] _p = null!;
    private ArraySegment<float>[] _g = null!;

    [Params(WholeStepLayout.Gpt2Miniature, WholeStepLayout.Gpt2Small)]
    public WholeStepLayout Layout { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup(Target = nameof(EachSet))]
    public void SetupEachSet() => Setup(WholeStepCase.EachSet);

    [GlobalSetup(Target = nameof(StepAll))]
    public void SetupStepAll() => Setup(WholeStepCase.StepAll);

    [GlobalSetup(Target = nameof(StepAllClipped))]
    public void SetupStepAllClipped() => Setup(WholeStepCase.Clipped);

    [GlobalSetup(Target = nameof(StepAllSkipNonFinite))]
    public void SetupStepAllSkipNonFinite() => Setup(WholeStepCase.SkipNonFinite);

    [Benchmark(Baseline = true, Description = "(a) each set's method, EndIteration")]
    public void EachSet() => _optimizer.StepEachSet(_p, _g);

    [Benchmark(Description = "(b) StepAll")]
    public bool StepAll() => _optimizer.StepAllSets(_p, _g);

    [Benchmark(Description = "(c) StepAll, MaxGradientNorm = 1")]
    public bool StepAllClipped() => _optimizer.StepAllSets(_p, _g);

    [Benchmark(Description = "(d) StepAll, SkipNonFiniteSteps")]
    public bool StepAllSkipNonFinite() => _optimizer.StepAllSets(_p, _g);

    private void Setup(WholeStepCase kind)
    {
        WholeStepFixture fixture = WholeStepFixture.Of(Layout);
        (_optimizer, _p, _g) = (fixture.Optimizer, fixture.Parameters, fixture.Gradients);
        fixture.Configure(kind, Threads);
        fixture.Check(kind);
    }
}

/// <summary>The four ways <c>--whole-step</c> steps a layout.</summary>
public enum WholeStepCase
{
    EachSet,
    StepAll,
    Clipped,
    SkipNonFinite,
}

/// <summary>
/// One declared layout's optimizer, θ and g, made once per process and shared by every case: θ and g placed as the
/// other benchmarks place them (<see cref="PlacedStreams"/>, g uniform in [-1, 1)), and two steps taken at creation,
/// so the state's pages are mapped and the step plan built before anything is timed (a first step on GPT-2 small
/// costs seconds: README, issue 14 item 8).
/// </summary>
public sealed class WholeStepFixture
{
    private static readonly Dictionary<WholeStepLayout, WholeStepFixture> s_made = [];

    private WholeStepFixture(WholeStepLayout layout)
    {
        (IDeclaredLayout optimizer, IReadOnlyList<(string Name, int[] Shape)> shapes) = layout switch
        {
            WholeStepLayout.Gpt2Small => ((IDeclaredLayout)new Gpt2SmallAdam(), Gpt2Declaration.Small),
            _ => (new Gpt2MiniatureAdam(), Gpt2Declaration.Miniature),
        };
        Gpt2Declaration.Verify(optimizer, shapes);
        var random = new Random(42);
        Optimizer = optimizer;
        Parameters = new ArraySegment<float>[shapes.Count];
        Gradients = new ArraySegment<float>[shapes.Count];
        for (int k = 0; k < shapes.Count; k++)
        {
            int length = Gpt2Declaration.Length(shapes[k].Shape);
            Parameters[k] = PlacedStreams.Filled(PlacedStreams.Parameter, random, length);
            Gradients[k] = PlacedStreams.Filled(PlacedStreams.Gradient, random, length);
            Elements += length;
        }

        Sets = shapes.Count;
        Optimizer.StepEachSet(Parameters, Gradients);
        Optimizer.StepAllSets(Parameters, Gradients);
    }

    public IDeclaredLayout Optimizer { get; }

    public ArraySegment<float>[] Parameters { get; }

    public ArraySegment<float>[] Gradients { get; }

    public long Elements { get; }

    public int Sets { get; }

    public static WholeStepFixture Of(WholeStepLayout layout)
    {
        if (!s_made.TryGetValue(layout, out WholeStepFixture? fixture))
        {
            fixture = new WholeStepFixture(layout);
            s_made[layout] = fixture;
        }

        return fixture;
    }

    /// <summary>The settings of <paramref name="kind"/>: clipping and the non-finite skip off but for (c) and (d).</summary>
    public void Configure(WholeStepCase kind, int threads)
    {
        Optimizer.MaxDegreeOfParallelism = threads;
        Optimizer.MaxGradientNorm = kind == WholeStepCase.Clipped ? 1f : null;
        Optimizer.SkipNonFiniteSteps = kind == WholeStepCase.SkipNonFinite;
    }

    /// <summary>One step of <paramref name="kind"/>, configured already.</summary>
    public void Step(WholeStepCase kind)
    {
        if (kind == WholeStepCase.EachSet)
        {
            Optimizer.StepEachSet(Parameters, Gradients);
        }
        else
        {
            Optimizer.StepAllSets(Parameters, Gradients);
        }
    }

    /// <summary>
    /// Takes one step of <paramref name="kind"/> and throws unless it did what the case claims: stepped, and measured
    /// the norm (above 1, so clipping scales g) exactly when clipping or the non-finite check is on.
    /// </summary>
    public void Check(WholeStepCase kind)
    {
        long before = Optimizer.StepCount;
        Step(kind);
        bool measures = kind is WholeStepCase.Clipped or WholeStepCase.SkipNonFinite;
        bool ok = Optimizer.StepCount == before + 1
            && (kind == WholeStepCase.EachSet || measures == float.IsFinite(Optimizer.GradientNorm))
            && (kind != WholeStepCase.Clipped || Optimizer.GradientNorm > 1f);
        if (!ok)
        {
            throw new InvalidOperationException(
                $"{kind}: step count {before} → {Optimizer.StepCount}, gradient norm {Optimizer.GradientNorm}: the case would not measure what it says.");
        }
    }
}

/// <summary>
/// <c>--whole-step</c>'s own table after BenchmarkDotNet's: per layout and thread count, each case's time, rate, and
/// time over (a)'s (BenchmarkDotNet's Ratio, from the means); then, per case, two threads' speed over one thread's.
/// </summary>
public static class WholeStepReport
{
    public static string Build(Summary summary)
    {
        BenchmarkReport[] reports = summary.Reports.Where(r => r.ResultStatistics is not null).ToArray();
        double Mean(WholeStepLayout layout, int threads, string method) => reports
            .Where(r => Layout(r) == layout && Threads(r) == threads && Method(r) == method)
            .Select(r => r.ResultStatistics!.Mean).DefaultIfEmpty(double.NaN).First();

        var text = new StringBuilder();
        text.AppendLine("Ratio: the case's mean time over (a)'s at the same layout and thread count (below 1.00: faster than (a)).");
        text.AppendLine();
        text.AppendLine("| layout | threads | case | time/step | Gelem/s | ratio to (a) | alloc/step |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|");
        foreach (BenchmarkReport report in reports.OrderBy(Layout).ThenBy(Threads).ThenBy(r => Methods.IndexOf(Method(r))))
        {
            WholeStepLayout layout = Layout(report);
            long elements = WholeStepFixture.Of(layout).Elements;
            double mean = report.ResultStatistics!.Mean;
            double baseline = Mean(layout, Threads(report), nameof(WholeStepBenchmarks.EachSet));
            long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {layout} | {Threads(report)} | {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {RatioReport.Time(mean)} | " +
                $"{elements / mean:F2} | {mean / baseline:F3} | {allocated?.ToString(CultureInfo.InvariantCulture) ?? "?"} B |"));
        }

        text.AppendLine();
        text.AppendLine("Two threads' speed over one thread's (whether the second vCPU was there):");
        text.AppendLine();
        foreach (WholeStepLayout layout in reports.Select(Layout).Distinct().Order())
        {
            IEnumerable<string> scaling = Methods.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{Letter(m)} {Mean(layout, 1, m) / Mean(layout, 2, m):F2}×"));
            text.AppendLine(CultureInfo.InvariantCulture, $"- {layout}: {string.Join(", ", scaling)}");
        }

        return text.ToString();
    }

    internal static readonly List<string> Methods =
    [
        nameof(WholeStepBenchmarks.EachSet), nameof(WholeStepBenchmarks.StepAll),
        nameof(WholeStepBenchmarks.StepAllClipped), nameof(WholeStepBenchmarks.StepAllSkipNonFinite),
    ];

    private static string Letter(string method) => "(" + (char)('a' + Methods.IndexOf(method)) + ")";

    private static string Method(BenchmarkReport report) => report.BenchmarkCase.Descriptor.WorkloadMethod.Name;

    private static WholeStepLayout Layout(BenchmarkReport report) => (WholeStepLayout)report.BenchmarkCase.Parameters["Layout"]!;

    private static int Threads(BenchmarkReport report) => (int)report.BenchmarkCase.Parameters["Threads"]!;
}

/// <summary>
/// <c>--whole-step-rounds</c>: the same four cases and two thread counts as <c>--whole-step</c>, timed in
/// <see cref="InterleavedRounds"/> (all eight in every round, the settings set before each call), so that a host whose
/// speed drifts between BenchmarkDotNet's cases cannot make a ratio. Reports per layout and thread count the median
/// over rounds of each case's time over (a)'s in the same round, with the range.
/// </summary>
public static class WholeStepRounds
{
    private const int Rounds = 15;

    private static readonly int[] Threads = [1, 2];

    private static readonly WholeStepCase[] Cases = Enum.GetValues<WholeStepCase>();

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Rounds} interleaved rounds; ratio: the case's time over (a)'s in the same round (below 1.00: faster), median (min–max).");
        text.AppendLine();
        text.AppendLine("| layout | threads | (a) time/step | (b) StepAll | (c) StepAll, MaxGradientNorm = 1 | (d) StepAll, SkipNonFiniteSteps | two threads × one, (a) / (b) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (WholeStepLayout layout in Enum.GetValues<WholeStepLayout>())
        {
            WholeStepFixture fixture = WholeStepFixture.Of(layout);
            var cases = new List<Action>();
            foreach (int threads in Threads)
            {
                foreach (WholeStepCase kind in Cases)
                {
                    cases.Add(() =>
                    {
                        fixture.Configure(kind, threads);
                        fixture.Step(kind);
                    });
                }
            }

            // A batch of about ten milliseconds: one GPT-2 small step, or a hundred of the miniature's.
            int calls = layout == WholeStepLayout.Gpt2Small ? 1 : 100;
            double[,] times = InterleavedRounds.Time(cases, Rounds, calls, warmUpCalls: 3 * calls);
            for (int t = 0; t < Threads.Length; t++)
            {
                int a = t * Cases.Length;
                string Ratio(int k)
                {
                    double[] ratios = Enumerable.Range(0, Rounds).Select(r => times[a + k, r] / times[a, r]).ToArray();
                    return string.Create(CultureInfo.InvariantCulture, $"{InterleavedRounds.Median(ratios):F3} ({ratios.Min():F3}–{ratios.Max():F3})");
                }

                string Scaling(int k) => string.Create(CultureInfo.InvariantCulture,
                    $"{InterleavedRounds.MedianOverRounds(Rounds, r => times[k, r] / times[Cases.Length + k, r]):F2}×");

                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {layout} | {Threads[t]} | {RatioReport.Time(InterleavedRounds.MedianOverRounds(Rounds, r => times[a, r]))} | " +
                    $"{Ratio(1)} | {Ratio(2)} | {Ratio(3)} | {(t == 0 ? "–" : Scaling(0) + " / " + Scaling(1))} |"));
            }
        }

        return text.ToString();
    }
}
