using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// <c>--sixteen-bit</c>: one Adam step over one set in the configurations of the "fewer bytes per step" issue, in
/// <see cref="InterleavedRounds"/>: float everything (28 bytes per element), bfloat16 state (20), bfloat16 θ and g
/// with float state (20), bfloat16 θ, g and state (14) and half θ and g with float state (20), without master
/// weights (θ rounded stochastically), then bfloat16 and half θ and g
/// through master weights with float state (28: θ written, g read, the copy and the moments read and written), at 64K (in cache) and 16M
/// elements, on one thread and two. Reports each case's median step and its speed relative to the float step in the
/// same round.
/// </summary>
public static class SixteenBitStep
{
    private const int Rounds = 15;

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{KernelWidth.FloatLanes * 32}-bit vectors, {Rounds} interleaved rounds; × float is the float step's time over the case's in the same round.");
        text.AppendLine();
        text.AppendLine("| elements | threads | case | bytes/element | median step | Gelem/s | × float (median, min–max) |");
        text.AppendLine("|---:|---:|---|---:|---:|---:|---:|");
        foreach (int n in new[] { 1 << 16, 1 << 24 })
        {
            Measure(text, n);
            GC.Collect();
        }

        return text.ToString();
    }

    private static void Measure(StringBuilder text, int n)
    {
        var random = new Random(3);
        float[] p = Values(random, n), g = Values(random, n);
        BFloat16[] p16 = Array.ConvertAll(p, v => (BFloat16)v), g16 = Array.ConvertAll(g, v => (BFloat16)v);
        bool big = n == 1 << 24;
        var floats = new SixteenBitBenchAdam();
        var state16 = new SixteenBitBenchAdamBFloat16State();
        var params16 = new SixteenBitBenchAdamBFloat16Parameters();
        var all16 = new SixteenBitBenchAdamAllBFloat16();
        var master16 = new SixteenBitBenchAdamMasterWeights();
        var masterHalf = new SixteenBitBenchAdamHalfMasterWeights();
        var paramsHalf = new SixteenBitBenchAdamHalfParameters();
        Half[] pHalf = Array.ConvertAll(p, v => (Half)v), gHalf = Array.ConvertAll(g, v => (Half)v);
        (string Name, int Bytes, IOptimizer Optimizer, Action Step)[] cases =
        [
            ("float", 28, floats, () => { if (big) floats.Step16M(p, g); else floats.Step64K(p, g); floats.EndIteration(); }),
            ("bf16 state", 20, state16, () => { if (big) state16.Step16M(p, g); else state16.Step64K(p, g); state16.EndIteration(); }),
            ("bf16 θ, g; float state", 20, params16, () => { if (big) params16.Step16M(p16, g16); else params16.Step64K(p16, g16); params16.EndIteration(); }),
            ("bf16 θ, g, state", 14, all16, () => { if (big) all16.Step16M(p16, g16); else all16.Step64K(p16, g16); all16.EndIteration(); }),
            ("half θ, g; float state", 20, paramsHalf,
                () => { if (big) paramsHalf.Step16M(pHalf, gHalf); else paramsHalf.Step64K(pHalf, gHalf); paramsHalf.EndIteration(); }),
            ("bf16 θ, g; master weights, float state", 28, master16,
                () => { if (big) master16.Step16M(p16, g16); else master16.Step64K(p16, g16); master16.EndIteration(); }),
            ("half θ, g; master weights, float state", 28, masterHalf,
                () => { if (big) masterHalf.Step16M(pHalf, gHalf); else masterHalf.Step64K(pHalf, gHalf); masterHalf.EndIteration(); }),
        ];

        int calls = big ? 3 : 64;
        foreach (int threads in new[] { 1, 2 })
        {
            foreach (var c in cases)
            {
                c.Optimizer.MaxDegreeOfParallelism = threads;
            }

            double[,] times = InterleavedRounds.Time(cases.Select(c => c.Step).ToArray(), Rounds, calls, warmUpCalls: calls);
            for (int k = 0; k < cases.Length; k++)
            {
                double median = InterleavedRounds.MedianOverRounds(Rounds, r => times[k, r]);
                double[] speed = Enumerable.Range(0, Rounds).Select(r => times[0, r] / times[k, r]).ToArray();
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n:N0} | {threads} | {cases[k].Name} | {cases[k].Bytes} | {RatioReport.Time(median)} | {n / median:F2} | " +
                    $"{InterleavedRounds.Median(speed):F2}× ({speed.Min():F2}–{speed.Max():F2}) |"));
            }
        }
    }

    private static float[] Values(Random random, int n)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}

/// <summary>Float Adam (28 bytes per element and step).</summary>
[AdamOptimizer(LearningRate = 1e-3)]
public partial class SixteenBitBenchAdam
{
    [Parameter(1 << 16)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>Adam with bfloat16 state (20 bytes).</summary>
[AdamOptimizer(LearningRate = 1e-3, StatePrecision = StatePrecision.BFloat16)]
public partial class SixteenBitBenchAdamBFloat16State
{
    [Parameter(1 << 16)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>Adam over bfloat16 θ and g, float state (20 bytes).</summary>
[AdamOptimizer(LearningRate = 1e-3)]
public partial class SixteenBitBenchAdamBFloat16Parameters
{
    [Parameter(1 << 16)] public partial void Step64K(Span<BFloat16> p, ReadOnlySpan<BFloat16> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<BFloat16> p, ReadOnlySpan<BFloat16> g);
}

/// <summary>Adam over bfloat16 θ, g and state (14 bytes).</summary>
[AdamOptimizer(LearningRate = 1e-3, StatePrecision = StatePrecision.BFloat16)]
public partial class SixteenBitBenchAdamAllBFloat16
{
    [Parameter(1 << 16)] public partial void Step64K(Span<BFloat16> p, ReadOnlySpan<BFloat16> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<BFloat16> p, ReadOnlySpan<BFloat16> g);
}

/// <summary>Adam over half θ and g, float state, θ rounded stochastically (20 bytes).</summary>
[AdamOptimizer(LearningRate = 1e-3)]
public partial class SixteenBitBenchAdamHalfParameters
{
    [Parameter(1 << 16)] public partial void Step64K(Span<Half> p, ReadOnlySpan<Half> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<Half> p, ReadOnlySpan<Half> g);
}

/// <summary>Adam over bfloat16 θ and g through float master weights, float state (28 bytes).</summary>
[AdamOptimizer(LearningRate = 1e-3, MasterWeights = true)]
public partial class SixteenBitBenchAdamMasterWeights
{
    [Parameter(1 << 16)] public partial void Step64K(Span<BFloat16> p, ReadOnlySpan<BFloat16> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<BFloat16> p, ReadOnlySpan<BFloat16> g);
}

/// <summary>Adam over half θ and g through float master weights, float state (28 bytes).</summary>
[AdamOptimizer(LearningRate = 1e-3, MasterWeights = true)]
public partial class SixteenBitBenchAdamHalfMasterWeights
{
    [Parameter(1 << 16)] public partial void Step64K(Span<Half> p, ReadOnlySpan<Half> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<Half> p, ReadOnlySpan<Half> g);
}
