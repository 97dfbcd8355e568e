using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
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
/// <see cref="Gpt2MiniatureAdam"/>: float Adam), on one thread and on two, seven ways: (a) every set's own method in
/// turn, then <c>EndIteration</c> (what <c>StepAll</c> did before the step plan: each set of 65,536 elements or more its
/// own hand-off to the worker pool, each smaller one on the calling thread), the baseline; (b) <c>StepAll</c>, one pass
/// over every set (<c>StepPlan</c>: one hand-off per pass); (c) <c>StepAll</c> with <c>MaxGradientNorm = 1</c> (a pass
/// summing every gradient's squares, then the update scaling g as it reads it); (d) <c>StepAll</c> with
/// <c>SkipNonFiniteSteps</c> only (the same first pass, no scaling); (e) PyTorch's way of clipping: a norm pass, every
/// gradient scaled in place (by exactly 1: <see cref="PyTorchClipping"/>), then (b); (f) the bandwidth probe over the
/// same bytes, on buffers of its own (<see cref="ProbeOverSets"/>); (g) a read of (f)'s gradients
/// (<see cref="ReadProbe"/>), then (f): what memory allows clipping plus step.
/// </summary>
/// <remarks>
/// Every case of a layout steps the same optimizer instance over the same θ, g and state (allocated once per process,
/// see <see cref="WholeStepFixture"/>): the cases differ only in the call and in the two settings, which each case's
/// setup sets. θ drifts from step to step; the work does not change. The gradients are finite, so (d) always steps.
/// (e)'s passes and (f) are split across the threads as <c>StepAll</c>'s update is (one hand-off per pass).
/// </remarks>
[MemoryDiagnoser]
public class WholeStepBenchmarks
{
    private IDeclaredLayout _optimizer = null!;
    private ArraySegment<float>[] _p = null!;
    private ArraySegment<float>[] _g = null!;
    private PyTorchClipping _clipping = null!;
    private ProbeOverSets? _probe;
    private ReadProbe? _readProbe;

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

    [GlobalSetup(Target = nameof(PyTorchWay))]
    public void SetupPyTorchWay() => Setup(WholeStepCase.PyTorchClipping);

    [GlobalSetup(Target = nameof(Probe))]
    public void SetupProbe() => Setup(WholeStepCase.Probe);

    [Benchmark(Baseline = true, Description = "(a) each set's method, EndIteration")]
    public void EachSet() => _optimizer.StepEachSet(_p, _g);

    [Benchmark(Description = "(b) StepAll")]
    public bool StepAll() => _optimizer.StepAllSets(_p, _g);

    [Benchmark(Description = "(c) StepAll, MaxGradientNorm = 1")]
    public bool StepAllClipped() => _optimizer.StepAllSets(_p, _g);

    [Benchmark(Description = "(d) StepAll, SkipNonFiniteSteps")]
    public bool StepAllSkipNonFinite() => _optimizer.StepAllSets(_p, _g);

    [Benchmark(Description = "(e) PyTorch's way: norm, g scaled in place (×1), StepAll")]
    public bool PyTorchWay()
    {
        _clipping.Run(Threads);
        return _optimizer.StepAllSets(_p, _g);
    }

    [Benchmark(Description = "(f) bandwidth probe, same bytes")]
    public void Probe() => _probe!.Run(Threads);

    [GlobalSetup(Target = nameof(ReadThenProbe))]
    public void SetupReadThenProbe() => Setup(WholeStepCase.ReadThenProbe);

    [Benchmark(Description = "(g) read of g, then the probe")]
    public void ReadThenProbe()
    {
        _readProbe!.Run(Threads);
        _probe!.Run(Threads);
    }

    private void Setup(WholeStepCase kind)
    {
        WholeStepFixture fixture = WholeStepFixture.Of(Layout);
        (_optimizer, _p, _g, _clipping) = (fixture.Optimizer, fixture.Parameters, fixture.Gradients, fixture.Clipping);
        fixture.Configure(kind, Threads);
        _probe = kind is WholeStepCase.Probe or WholeStepCase.ReadThenProbe ? fixture.Probe : null;
        _readProbe = kind == WholeStepCase.ReadThenProbe ? fixture.ReadProbe : null;
        fixture.Check(kind);
    }
}

/// <summary>The seven ways <c>--whole-step</c> steps a layout (the last two without stepping it).</summary>
public enum WholeStepCase
{
    EachSet,
    StepAll,
    Clipped,
    SkipNonFinite,

    /// <summary>(e) <see cref="PyTorchClipping"/>, then <c>StepAll</c> unclipped.</summary>
    PyTorchClipping,

    /// <summary>(f) <see cref="ProbeOverSets"/>: the optimizer is not stepped.</summary>
    Probe,

    /// <summary>(g) <see cref="ReadProbe"/> over (f)'s gradients, then (f): the probe of a step that reads g once more first.</summary>
    ReadThenProbe,
}

/// <summary>
/// One declared layout's optimizer, θ and g, made once per process and shared by every case: θ and g placed as the
/// other benchmarks place them (<see cref="PlacedStreams"/>, g uniform in [-1, 1)), and two steps taken at creation,
/// so the state's pages are mapped and the step plan built before anything is timed (a first step on GPT-2 small
/// costs seconds: README, issue 14 item 8). (e)'s passes run over the same g; (f)'s probe has θ, g, m and v of its own
/// (made on first use: 2 GB more for GPT-2 small).
/// </summary>
public sealed class WholeStepFixture
{
    private static readonly Dictionary<WholeStepLayout, WholeStepFixture> s_made = [];

    private ProbeOverSets? _probe;
    private ReadProbe? _readProbe;
    private int _threads = 1;

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
        Clipping = new PyTorchClipping(Gradients);
    }

    public IDeclaredLayout Optimizer { get; }

    public ArraySegment<float>[] Parameters { get; }

    public ArraySegment<float>[] Gradients { get; }

    public long Elements { get; }

    public int Sets { get; }

    /// <summary>(e)'s norm and scale passes over <see cref="Gradients"/>.</summary>
    internal PyTorchClipping Clipping { get; }

    /// <summary>(f)'s probe, with buffers of its own placed as the optimizer's (made on first use, after the optimizer has placed its state).</summary>
    internal ProbeOverSets Probe => _probe ??= new ProbeOverSets(Optimizer, new Random(43));

    /// <summary>(g)'s read pass, over (f)'s gradients.</summary>
    internal ReadProbe ReadProbe => _readProbe ??= new ReadProbe(Probe.Gradients);

    public static WholeStepFixture Of(WholeStepLayout layout)
    {
        if (!s_made.TryGetValue(layout, out WholeStepFixture? fixture))
        {
            fixture = new WholeStepFixture(layout);
            s_made[layout] = fixture;
        }

        return fixture;
    }

    /// <summary>
    /// The settings of <paramref name="kind"/>: clipping and the non-finite skip off but for (c) and (d); the thread
    /// count for the optimizer and for (e)'s passes and (f).
    /// </summary>
    public void Configure(WholeStepCase kind, int threads)
    {
        _threads = threads;
        Optimizer.MaxDegreeOfParallelism = threads;
        Optimizer.MaxGradientNorm = kind == WholeStepCase.Clipped ? 1f : null;
        Optimizer.SkipNonFiniteSteps = kind == WholeStepCase.SkipNonFinite;
    }

    /// <summary>One step of <paramref name="kind"/>, configured already.</summary>
    public void Step(WholeStepCase kind)
    {
        switch (kind)
        {
            case WholeStepCase.EachSet:
                Optimizer.StepEachSet(Parameters, Gradients);
                break;
            case WholeStepCase.PyTorchClipping:
                Clipping.Run(_threads);
                Optimizer.StepAllSets(Parameters, Gradients);
                break;
            case WholeStepCase.Probe:
                Probe.Run(_threads);
                break;
            case WholeStepCase.ReadThenProbe:
                ReadProbe.Run(_threads);
                Probe.Run(_threads);
                break;
            default:
                Optimizer.StepAllSets(Parameters, Gradients);
                break;
        }
    }

    /// <summary>
    /// Takes one step of <paramref name="kind"/> and throws unless it did what the case claims: stepped, and measured
    /// the norm (above 1, so clipping scales g) exactly when clipping or the non-finite check is on.
    /// </summary>
    public void Check(WholeStepCase kind)
    {
        if (kind == WholeStepCase.PyTorchClipping)
        {
            CheckPyTorchClipping();
            return;
        }

        if (kind == WholeStepCase.Probe)
        {
            CheckProbe();
            return;
        }

        if (kind == WholeStepCase.ReadThenProbe)
        {
            CheckReadProbe();
            return;
        }

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

    /// <summary>
    /// (e): the norm pass reads every gradient (its norm has the bits of the norm clipping measures over the same
    /// gradients), the scale pass writes every gradient (scaling by 2 multiplies the sum of squares by exactly 4, and by
    /// ½ restores it: powers of two scale exactly, so one element missed would show), the factor is exactly 1, and the
    /// step after it is the unclipped <c>StepAll</c> (stepped, no norm measured). Leaves the configuration as (e)'s.
    /// </summary>
    private void CheckPyTorchClipping()
    {
        int threads = _threads;
        Configure(WholeStepCase.Clipped, threads);
        Step(WholeStepCase.Clipped);
        float reference = Optimizer.GradientNorm;
        Configure(WholeStepCase.PyTorchClipping, threads);
        double sum = Clipping.SumOfSquaresOf(threads);
        Clipping.ScaleBy(2f, threads);
        double doubled = Clipping.SumOfSquaresOf(threads);
        Clipping.ScaleBy(0.5f, threads);
        double restored = Clipping.SumOfSquaresOf(threads);
        long before = Optimizer.StepCount;
        Step(WholeStepCase.PyTorchClipping);
        bool ok = Clipping.Elements == Elements && doubled == 4 * sum && restored == sum
            && Clipping.Norm == reference && Clipping.Norm > 1f && Clipping.Factor == 1f
            && Optimizer.StepCount == before + 1 && float.IsNaN(Optimizer.GradientNorm);
        if (!ok)
        {
            throw new InvalidOperationException(
                $"PyTorchClipping: elements {Clipping.Elements} of {Elements}, sum of squares {sum} → ×2: {doubled} → ×½: {restored}, " +
                $"norm {Clipping.Norm} (clipping measured {reference}), factor {Clipping.Factor}, step count {before} → {Optimizer.StepCount}, " +
                $"the step's norm {Optimizer.GradientNorm}: the case would not measure what it says.");
        }
    }

    /// <summary>
    /// (f): the probe covers every set's elements (after one run from a cleared m, m holds g's bits everywhere), on
    /// buffers of its own at the optimizer's page offsets, and does not step the optimizer.
    /// </summary>
    private void CheckProbe()
    {
        ProbeOverSets probe = Probe;
        long before = Optimizer.StepCount;
        foreach (ArraySegment<float> m in probe.FirstMoments)
        {
            m.AsSpan().Clear();
        }

        probe.Run(_threads);
        IReadOnlyList<ParameterState> states = Optimizer.States;
        for (int k = 0; k < Sets; k++)
        {
            bool ok = probe.Elements == Elements && Optimizer.StepCount == before
                && probe.Parameters[k].Count == Parameters[k].Count
                && MemoryMarshal.AsBytes(probe.FirstMoments[k].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(probe.Gradients[k].AsSpan()))
                && PlacedStreams.PageOffset(probe.Parameters[k]) == PlacedStreams.PageOffset(Parameters[k])
                && PlacedStreams.PageOffset(probe.Gradients[k]) == PlacedStreams.PageOffset(Gradients[k])
                && PlacedStreams.PageOffset(probe.FirstMoments[k]) == PlacedStreams.PageOffset(states[k].Buffer(0))
                && PlacedStreams.PageOffset(probe.SecondMoments[k]) == PlacedStreams.PageOffset(states[k].Buffer(1))
                && !Overlaps(probe, k, states[k]);
            if (!ok)
            {
                throw new InvalidOperationException(
                    $"Probe: set {k} ('{states[k].Name}') not covered, placed otherwise than the optimizer's, or sharing its buffers: the case would not measure what it says.");
            }
        }
    }

    /// <summary>(g): the read pass reads every element of every set of (f)'s gradients exactly once, and steps nothing.</summary>
    private void CheckReadProbe()
    {
        CheckProbe();
        long before = Optimizer.StepCount;
        ReadProbe.ClearCounts();
        ReadProbe.Run(_threads);
        for (int k = 0; k < Sets; k++)
        {
            if (ReadProbe.Read[k] != Probe.Gradients[k].Count || Optimizer.StepCount != before)
            {
                throw new InvalidOperationException(
                    $"ReadThenProbe: set {k} read {ReadProbe.Read[k]} of {Probe.Gradients[k].Count} elements: the case would not measure what it says.");
            }
        }
    }

    /// <summary>Whether any of the probe's buffers of set <paramref name="k"/> is the optimizer's θ, g, m or v.</summary>
    private bool Overlaps(ProbeOverSets probe, int k, ParameterState state)
    {
        ReadOnlySpan<float> m = state.Buffer(0), v = state.Buffer(1);
        foreach (ArraySegment<float> own in new[] { probe.Parameters[k], probe.Gradients[k], probe.FirstMoments[k], probe.SecondMoments[k] })
        {
            ReadOnlySpan<float> span = own;
            if (span.Overlaps(Parameters[k]) || span.Overlaps(Gradients[k]) || span.Overlaps(m) || span.Overlaps(v))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// <c>--whole-step</c>'s own tables after BenchmarkDotNet's: per layout and thread count, each case's time, rate, and
/// time over (a)'s (BenchmarkDotNet's Ratio, from the means) and over (b)'s; then issue 14's two targets from the same
/// means, (c)/(b), (e)/(b), (c)/(e) and (b) as a percentage of the probe's speed ((f)'s time over (b)'s); then, per
/// case, two threads' speed over one thread's.
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
        text.AppendLine("Ratio: the case's mean time over (a)'s, or over (b)'s, at the same layout and thread count (below 1.00: faster).");
        text.AppendLine();
        text.AppendLine("| layout | threads | case | time/step | Gelem/s | ratio to (a) | ratio to (b) | alloc/step |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (BenchmarkReport report in reports.OrderBy(Layout).ThenBy(Threads).ThenBy(r => Methods.IndexOf(Method(r))))
        {
            WholeStepLayout layout = Layout(report);
            long elements = WholeStepFixture.Of(layout).Elements;
            double mean = report.ResultStatistics!.Mean;
            double baseline = Mean(layout, Threads(report), nameof(WholeStepBenchmarks.EachSet));
            double stepAll = Mean(layout, Threads(report), nameof(WholeStepBenchmarks.StepAll));
            long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {layout} | {Threads(report)} | {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {RatioReport.Time(mean)} | " +
                $"{elements / mean:F2} | {mean / baseline:F3} | {mean / stepAll:F3} | {allocated?.ToString(CultureInfo.InvariantCulture) ?? "?"} B |"));
        }

        text.AppendLine();
        text.AppendLine("Issue 14's targets, from the means: clipping plus step at most 1.2× the step alone, against PyTorch's way;");
        text.AppendLine("StepAll at least 97% of the probe ((f)'s time over (b)'s).");
        text.AppendLine();
        text.AppendLine("| layout | threads | (c) / (b) | (g) / (f) | (e) / (b) | (c) / (e) | StepAll at % of the probe |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (WholeStepLayout layout in reports.Select(Layout).Distinct().Order())
        {
            foreach (int threads in reports.Where(r => Layout(r) == layout).Select(Threads).Distinct().Order())
            {
                double M(string method) => Mean(layout, threads, method);
                double b = M(nameof(WholeStepBenchmarks.StepAll)), c = M(nameof(WholeStepBenchmarks.StepAllClipped));
                double e = M(nameof(WholeStepBenchmarks.PyTorchWay)), f = M(nameof(WholeStepBenchmarks.Probe));
                double g = M(nameof(WholeStepBenchmarks.ReadThenProbe));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {layout} | {threads} | {c / b:F3} | {g / f:F3} | {e / b:F3} | {c / e:F3} | {100 * f / b:F1}% |"));
            }
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
        nameof(WholeStepBenchmarks.PyTorchWay), nameof(WholeStepBenchmarks.Probe), nameof(WholeStepBenchmarks.ReadThenProbe),
    ];

    private static string Letter(string method) => "(" + (char)('a' + Methods.IndexOf(method)) + ")";

    private static string Method(BenchmarkReport report) => report.BenchmarkCase.Descriptor.WorkloadMethod.Name;

    private static WholeStepLayout Layout(BenchmarkReport report) => (WholeStepLayout)report.BenchmarkCase.Parameters["Layout"]!;

    private static int Threads(BenchmarkReport report) => (int)report.BenchmarkCase.Parameters["Threads"]!;
}

/// <summary>
/// <c>--whole-step-rounds</c>: the same seven cases and two thread counts as <c>--whole-step</c>, timed in
/// <see cref="InterleavedRounds"/> (all fourteen in every round, the settings set before each call), so that a host whose
/// speed drifts between BenchmarkDotNet's cases cannot make a ratio. Reports per layout and thread count the median
/// over rounds of each case's time over (a)'s in the same round, with the range; then issue 14's targets, each the
/// median (min–max) over rounds of a ratio within a round.
/// </summary>
public static class WholeStepRounds
{
    private const int Rounds = 15;

    private static readonly int[] Threads = [1, 2];

    private static readonly WholeStepCase[] Cases = Enum.GetValues<WholeStepCase>();

    public static string Measure()
    {
        var text = new StringBuilder();
        var targets = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Rounds} interleaved rounds; ratio: the case's time over (a)'s in the same round (below 1.00: faster), median (min–max).");
        text.AppendLine();
        text.AppendLine("| layout | threads | (a) time/step | (b) StepAll | (c) StepAll, MaxGradientNorm = 1 | (d) StepAll, SkipNonFiniteSteps | " +
            "(e) PyTorch's way, then StepAll | (f) probe, same bytes | (g) read of g, then (f) | two threads × one, (a) / (b) / (f) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        targets.AppendLine("Issue 14's targets, each the median (min–max) over rounds of a ratio within a round: clipping plus step at most");
        targets.AppendLine("1.2× the step alone, against PyTorch's way, and beside it what memory allows ((g) / (f)) and clipping plus step as a");
        targets.AppendLine("percentage of its probe's speed ((g)'s time over (c)'s); StepAll at least 97% of the probe ((f)'s time over (b)'s).");
        targets.AppendLine();
        targets.AppendLine("| layout | threads | (b) time/step | (c) / (b) | (g) / (f) | (c) at % of (g) | (e) / (b) | (c) / (e) | StepAll at % of the probe |");
        targets.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (WholeStepLayout layout in Enum.GetValues<WholeStepLayout>())
        {
            WholeStepFixture fixture = WholeStepFixture.Of(layout);
            _ = fixture.Probe; // its buffers, before anything is timed
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

            // Every case's check once, before the rounds (each throws if its case does not do what it says).
            foreach (int threads in Threads)
            {
                foreach (WholeStepCase kind in Cases)
                {
                    fixture.Configure(kind, threads);
                    fixture.Check(kind);
                }
            }

            // A batch of about ten milliseconds: one GPT-2 small step, or a hundred of the miniature's.
            int calls = layout == WholeStepLayout.Gpt2Small ? 1 : 100;
            double[,] times = InterleavedRounds.Time(cases, Rounds, calls, warmUpCalls: 3 * calls);
            for (int t = 0; t < Threads.Length; t++)
            {
                int a = t * Cases.Length;
                double[] Ratios(WholeStepCase over, WholeStepCase under) =>
                    Enumerable.Range(0, Rounds).Select(r => times[a + (int)over, r] / times[a + (int)under, r]).ToArray();
                string Ratio(double[] ratios, string format = "F3", double factor = 1) => string.Create(CultureInfo.InvariantCulture,
                    $"{(factor * InterleavedRounds.Median(ratios)).ToString(format, CultureInfo.InvariantCulture)} " +
                    $"({(factor * ratios.Min()).ToString(format, CultureInfo.InvariantCulture)}–{(factor * ratios.Max()).ToString(format, CultureInfo.InvariantCulture)})");
                string OverA(WholeStepCase kind) => Ratio(Ratios(kind, WholeStepCase.EachSet));

                string Scaling(WholeStepCase kind) => string.Create(CultureInfo.InvariantCulture,
                    $"{InterleavedRounds.MedianOverRounds(Rounds, r => times[(int)kind, r] / times[Cases.Length + (int)kind, r]):F2}×");

                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {layout} | {Threads[t]} | {RatioReport.Time(InterleavedRounds.MedianOverRounds(Rounds, r => times[a, r]))} | " +
                    $"{OverA(WholeStepCase.StepAll)} | {OverA(WholeStepCase.Clipped)} | {OverA(WholeStepCase.SkipNonFinite)} | " +
                    $"{OverA(WholeStepCase.PyTorchClipping)} | {OverA(WholeStepCase.Probe)} | {OverA(WholeStepCase.ReadThenProbe)} | " +
                    $"{(t == 0 ? "–" : Scaling(WholeStepCase.EachSet) + " / " + Scaling(WholeStepCase.StepAll) + " / " + Scaling(WholeStepCase.Probe))} |"));
                targets.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {layout} | {Threads[t]} | {RatioReport.Time(InterleavedRounds.MedianOverRounds(Rounds, r => times[a + (int)WholeStepCase.StepAll, r]))} | " +
                    $"{Ratio(Ratios(WholeStepCase.Clipped, WholeStepCase.StepAll))} | {Ratio(Ratios(WholeStepCase.ReadThenProbe, WholeStepCase.Probe))} | " +
                    $"{Ratio(Ratios(WholeStepCase.ReadThenProbe, WholeStepCase.Clipped), "F1", 100)}% | " +
                    $"{Ratio(Ratios(WholeStepCase.PyTorchClipping, WholeStepCase.StepAll))} | " +
                    $"{Ratio(Ratios(WholeStepCase.Clipped, WholeStepCase.PyTorchClipping))} | " +
                    $"{Ratio(Ratios(WholeStepCase.Probe, WholeStepCase.StepAll), "F1", 100)}% |"));
            }
        }

        text.AppendLine();
        text.Append(targets);
        return text.ToString();
    }
}
