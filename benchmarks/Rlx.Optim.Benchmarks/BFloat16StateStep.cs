using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using Rlx.Optim.Benchmarks.RawKernels;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// <c>--bf16-state</c>: a full step of the generated Adam with float state against the same Adam with bfloat16 state
/// (<see cref="FloatStateAdam"/>, <see cref="BFloat16StateAdam"/>: the declarations differ only in
/// <c>StatePrecision</c>), over the same θ and g, on one set of 16M elements and on the GPT-2 small layout (148 tensors,
/// 124,439,808 parameters, stepped by name, then <c>EndIteration</c>), on one thread and on two, in
/// <see cref="InterleavedRounds"/>. Reports each step's median time, its rate at the bytes it moves per element (28 with
/// float state: θ and g read, θ written, m and v read and written as floats; 20 with bfloat16 state, m and v two
/// bytes each way), and the median over rounds of bf16's speed relative to float's in the same round, with the range.
/// Both thread counts run in the same rounds (the optimizer's <c>MaxDegreeOfParallelism</c> set before each step), so
/// a round in which another process holds the second core shows in the two-thread cases of that round only, and the
/// notes give the two-thread speed over one thread's per round.
/// At 16M, two bandwidth probes run in the same rounds (no arithmetic, 28 and 20 bytes per element, on the same
/// worker threads and chunks): their ratio is what the memory allows the bfloat16 state to gain.
/// </summary>
/// <remarks>
/// Memory: every tensor is allocated once per layout, θ and g shared by both optimizers (each updates θ in place; the
/// values drift, the work does not change). GPT-2 small holds 0.5 GB of θ, 0.5 GB of g, 1.0 GB of float state and
/// 0.5 GB of bfloat16 state; the 16M layout (0.6 GB with its probes) is released before it is built.
/// </remarks>
public static class BFloat16StateStep
{
    private const int Rounds = 15;

    private const int FloatStateBytes = 28, BFloat16StateBytes = 20;

    private static readonly int[] Threads = [1, 2];

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{KernelWidth.FloatLanes * 32}-bit vectors, {Rounds} interleaved rounds; bf16 × float is float's step time over bf16's in the same round (speed).");
        text.AppendLine();
        text.AppendLine("| layout | threads | float state: step | Gelem/s | GB/s at 28 B | bf16 state: step | Gelem/s | GB/s at 20 B | bf16 × float (median, min–max) | fastest batches | probes 20 B × 28 B (median, min–max) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var notes = new StringBuilder();
        SixteenMillion(text, notes);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Gpt2Small(text, notes);
        text.AppendLine();
        text.Append(notes);
        return text.ToString();
    }

    /// <summary>
    /// GPT-2 small's trainable tensors as PyTorch lists them (the output projection tied to <c>wte</c>): the token and
    /// position embeddings, twelve blocks of twelve, the final norm. 148 tensors, 124,439,808 parameters.
    /// </summary>
    public static IReadOnlyList<(string Name, int Length)> Gpt2SmallLayout()
    {
        const int Vocabulary = 50_257, Context = 1_024, Width = 768, Layers = 12;
        var layout = new List<(string, int)> { ("wte.weight", Vocabulary * Width), ("wpe.weight", Context * Width) };
        for (int layer = 0; layer < Layers; layer++)
        {
            string h = $"h.{layer}.";
            layout.Add((h + "ln_1.weight", Width));
            layout.Add((h + "ln_1.bias", Width));
            layout.Add((h + "attn.c_attn.weight", Width * 3 * Width));
            layout.Add((h + "attn.c_attn.bias", 3 * Width));
            layout.Add((h + "attn.c_proj.weight", Width * Width));
            layout.Add((h + "attn.c_proj.bias", Width));
            layout.Add((h + "ln_2.weight", Width));
            layout.Add((h + "ln_2.bias", Width));
            layout.Add((h + "mlp.c_fc.weight", Width * 4 * Width));
            layout.Add((h + "mlp.c_fc.bias", 4 * Width));
            layout.Add((h + "mlp.c_proj.weight", 4 * Width * Width));
            layout.Add((h + "mlp.c_proj.bias", Width));
        }

        layout.Add(("ln_f.weight", Width));
        layout.Add(("ln_f.bias", Width));
        return layout;
    }

    private static void SixteenMillion(StringBuilder text, StringBuilder notes)
    {
        const int N = 1 << 24;
        var random = new Random(42);
        ArraySegment<float> p = PlacedStreams.Filled(PlacedStreams.Parameter, random, N);
        ArraySegment<float> g = PlacedStreams.Filled(PlacedStreams.Gradient, random, N);

        // The probes store bit patterns (θ gets v, v gets p | m: often NaN or ∞), so they have streams of their own;
        // the 20-byte probe's m and v are 16-bit, held in float arrays of half the length.
        ArraySegment<float> probeP = PlacedStreams.Filled(PlacedStreams.Parameter, random, N);
        ArraySegment<float> probeG = PlacedStreams.Filled(PlacedStreams.Gradient, random, N);
        ArraySegment<float> probeM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, N);
        ArraySegment<float> probeV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, N);
        ArraySegment<float> halfM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, N / 2);
        ArraySegment<float> halfV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, N / 2);

        var single = new FloatStateAdam();
        var rounded = new BFloat16StateAdam();
        notes.AppendLine(CultureInfo.InvariantCulture,
            $"16M: StateBytes {single.StateBytes:N0} with float state, {rounded.StateBytes:N0} with bfloat16 state.");
        var cases = new List<Action>();
        foreach (int threads in Threads)
        {
            cases.Add(() => { single.MaxDegreeOfParallelism = threads; single.Step16M(p, g); single.EndIteration(); });
            cases.Add(() => { rounded.MaxDegreeOfParallelism = threads; rounded.Step16M(p, g); rounded.EndIteration(); });
            cases.Add(() => UpdateKernels.RunParallel<ProbeKernel, NoScalars>(default, probeP, probeG, probeM, probeV, default, threads));
            cases.Add(() => UpdateKernels.RunParallel<Probe20Kernel, NoScalars>(default, probeP, probeG, halfM, halfV, default, threads));
        }

        Report(text, notes, "16M elements (one set)", N, InterleavedRounds.Time(cases, Rounds, callsPerBatch: 3, warmUpCalls: 3), casesPerThreads: 4);
    }

    private static void Gpt2Small(StringBuilder text, StringBuilder notes)
    {
        IReadOnlyList<(string Name, int Length)> layout = Gpt2SmallLayout();
        long n = layout.Sum(t => (long)t.Length);
        var random = new Random(42);
        var p = new ArraySegment<float>[layout.Count];
        var g = new ArraySegment<float>[layout.Count];
        for (int k = 0; k < layout.Count; k++)
        {
            p[k] = PlacedStreams.Filled(PlacedStreams.Parameter, random, layout[k].Length);
            g[k] = PlacedStreams.Filled(PlacedStreams.Gradient, random, layout[k].Length);
        }

        var single = new NamedFloatStateAdam();
        var rounded = new NamedBFloat16StateAdam();
        var cases = new List<Action>();
        foreach (int threads in Threads)
        {
            cases.Add(() => { single.MaxDegreeOfParallelism = threads; StepAll(single, layout, p, g); });
            cases.Add(() => { rounded.MaxDegreeOfParallelism = threads; StepAll(rounded, layout, p, g); });
        }

        // The first step creates every set's state.
        cases[0]();
        cases[1]();
        notes.AppendLine(CultureInfo.InvariantCulture,
            $"GPT-2 small: {layout.Count} tensors, {n:N0} parameters; StateBytes {single.StateBytes:N0} with float state, {rounded.StateBytes:N0} with bfloat16 state.");
        Report(text, notes, $"GPT-2 small ({layout.Count} tensors)", n, InterleavedRounds.Time(cases, Rounds, callsPerBatch: 1, warmUpCalls: 3), casesPerThreads: 2);
    }

    private static void StepAll(IOptimizer optimizer, IReadOnlyList<(string Name, int Length)> layout, ArraySegment<float>[] p, ArraySegment<float>[] g)
    {
        for (int k = 0; k < p.Length; k++)
        {
            optimizer.Step(layout[k].Name, p[k], g[k]);
        }

        optimizer.EndIteration();
    }

    /// <summary>
    /// One row per thread count from rounds in which every case ran: per thread count, float state, bfloat16 state
    /// and (if <paramref name="casesPerThreads"/> is 4) the 28-byte and 20-byte probes, in that order.
    /// </summary>
    private static void Report(StringBuilder text, StringBuilder notes, string layout, long n, double[,] times, int casesPerThreads)
    {
        for (int t = 0; t < Threads.Length; t++)
        {
            int f = t * casesPerThreads, b = f + 1;
            double single = InterleavedRounds.MedianOverRounds(Rounds, r => times[f, r]);
            double rounded = InterleavedRounds.MedianOverRounds(Rounds, r => times[b, r]);
            double[] speed = Enumerable.Range(0, Rounds).Select(r => times[f, r] / times[b, r]).ToArray();
            double fastest = Fastest(times, f) / Fastest(times, b);
            string probes = "–";
            if (casesPerThreads == 4)
            {
                double[] probeSpeed = Enumerable.Range(0, Rounds).Select(r => times[f + 2, r] / times[f + 3, r]).ToArray();
                probes = string.Create(CultureInfo.InvariantCulture, $"{InterleavedRounds.Median(probeSpeed):F2}× ({probeSpeed.Min():F2}–{probeSpeed.Max():F2})");
            }

            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {layout} | {Threads[t]} | {RatioReport.Time(single)} | {n / single:F2} | {FloatStateBytes * n / single:F1} | " +
                $"{RatioReport.Time(rounded)} | {n / rounded:F2} | {BFloat16StateBytes * n / rounded:F1} | " +
                $"{InterleavedRounds.Median(speed):F2}× ({speed.Min():F2}–{speed.Max():F2}) | {fastest:F2}× | {probes} |"));
        }

        // Whether the second core was there: two threads' speed over one thread's, per round (both share the round).
        int two = casesPerThreads;
        double[] floatScaling = Enumerable.Range(0, Rounds).Select(r => times[0, r] / times[two, r]).ToArray();
        double[] roundedScaling = Enumerable.Range(0, Rounds).Select(r => times[1, r] / times[two + 1, r]).ToArray();
        notes.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{layout}: two threads × one, median (min–max) over rounds: float state {InterleavedRounds.Median(floatScaling):F2}× " +
            $"({floatScaling.Min():F2}–{floatScaling.Max():F2}), bf16 state {InterleavedRounds.Median(roundedScaling):F2}× " +
            $"({roundedScaling.Min():F2}–{roundedScaling.Max():F2})."));
    }

    private static double Fastest(double[,] times, int k) => Enumerable.Range(0, Rounds).Min(r => times[k, r]);
}

/// <summary>
/// The bandwidth probe for bfloat16 state as a kernel (so it runs on the same worker threads and chunks as
/// <see cref="ProbeKernel"/>): reads float θ, g and 16-bit m (state0), v (state1), writes θ, m, v, no arithmetic; 20
/// bytes per element. The state references point at 16-bit elements, indexed by the element index.
/// </summary>
public readonly struct Probe20Kernel : IUpdateKernel<NoScalars>
{
    public static void Update(in NoScalars scalars, ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2, nuint start, nuint end)
    {
        ref ushort m = ref Unsafe.As<float, ushort>(ref state0);
        ref ushort v = ref Unsafe.As<float, ushort>(ref state1);
        nuint i = start;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; end - i >= (nuint)Vector512<float>.Count; i += (nuint)Vector512<float>.Count)
            {
                Vector512<float> p = Vector512.LoadUnsafe(ref parameter, i);
                Vector512<float> g = Vector512.LoadUnsafe(ref gradient, i);
                Vector256<ushort> mv = Vector256.LoadUnsafe(ref m, i);
                Vector256<ushort> vv = Vector256.LoadUnsafe(ref v, i);
                g.StoreUnsafe(ref parameter, i);
                vv.StoreUnsafe(ref m, i);
                (mv | p.AsUInt16().GetLower()).StoreUnsafe(ref v, i);
            }
        }

        for (; end - i >= (nuint)Vector256<float>.Count; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> p = Vector256.LoadUnsafe(ref parameter, i);
            Vector256<float> g = Vector256.LoadUnsafe(ref gradient, i);
            Vector128<ushort> mv = Vector128.LoadUnsafe(ref m, i);
            Vector128<ushort> vv = Vector128.LoadUnsafe(ref v, i);
            g.StoreUnsafe(ref parameter, i);
            vv.StoreUnsafe(ref m, i);
            (mv | p.AsUInt16().GetLower()).StoreUnsafe(ref v, i);
        }

        if (i != end)
        {
            // The runner hands a kernel whole vectors of KernelWidth.FloatLanes; at 16M and 8 or 16 lanes that is all.
            throw new InvalidOperationException($"Probe20Kernel needs whole 8-element vectors: {end - i} elements left.");
        }
    }
}
