using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Rlx.Optim.Benchmarks.RawKernels;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// How the split across cores pays, in under a minute: the hand-off alone (an empty kernel through
/// <see cref="UpdateKernels.RunParallel{TKernel, TScalars}"/>), then the generated float Adam, the bandwidth probe
/// and a hand-written 512-bit Adam (<see cref="Adam512Kernel"/>) at 1M and 16M elements, one thread against all
/// cores. Batches of back-to-back steps alternate between the two,
/// and the ratio reported is the median over rounds of the ratio within a round, so the machine's drift cancels.
/// </summary>
public static class Scaling
{
    private const int Rounds = 15;

    public static string Measure()
    {
        int cores = Environment.ProcessorCount;
        int length = 1 << 24;
        var random = new Random(42);
        ArraySegment<float> p = PlacedStreams.Filled(PlacedStreams.Parameter, random, length), g = PlacedStreams.Filled(PlacedStreams.Gradient, random, length);
        ArraySegment<float> m = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, length), v = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, length);
        // The probe stores bit patterns, not Adam's values (θ gets v, v gets p | m: often NaN or ∞), so it has streams of its own.
        ArraySegment<float> probeP = PlacedStreams.Filled(PlacedStreams.Parameter, random, length), probeG = PlacedStreams.Filled(PlacedStreams.Gradient, random, length);
        ArraySegment<float> probeM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, length), probeV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, length);

        var text = new StringBuilder();
        text.AppendLine($"| what | elements | one thread | {cores} threads | ratio (median of rounds) |");
        text.AppendLine("|---|---:|---:|---:|---:|");

        const int Empty = 1 << 16;
        (double emptyOne, double emptyAll, _) = Compare(
            threads => UpdateKernels.RunParallel<EmptyKernel, NoScalars>(default, p.AsSpan(0, Empty), g.AsSpan(0, Empty), default, default, default, threads), 20_000);
        text.AppendLine(Row("empty kernel (the hand-off alone)", Empty, Nanoseconds(emptyOne), Nanoseconds(emptyAll), "+" + Nanoseconds(emptyAll - emptyOne)));

        var optimizer = new SingleAdam();
        foreach ((int n, string set, int steps) in new[] { (1 << 20, "1M", 100), (1 << 24, "16M", 5) })
        {
            (double one, double all, double ratio) = Compare(threads =>
            {
                optimizer.MaxDegreeOfParallelism = threads;
                optimizer.Step(set, p.AsSpan(0, n), g.AsSpan(0, n));
                optimizer.EndIteration();
            }, steps);
            text.AppendLine(Row("generated Single", n, Rate(n, one), Rate(n, all), $"{ratio:F2}×"));

            (one, all, ratio) = Compare(
                threads => UpdateKernels.RunParallel<ProbeKernel, NoScalars>(default, probeP.AsSpan(0, n), probeG.AsSpan(0, n), probeM.AsSpan(0, n), probeV.AsSpan(0, n), default, threads), steps);
            text.AppendLine(Row("bandwidth probe", n, Bandwidth(n, one), Bandwidth(n, all), $"{ratio:F2}×"));

            (one, all, ratio) = Compare(
                threads => UpdateKernels.RunParallel<Adam512Kernel, NoScalars>(default, p.AsSpan(0, n), g.AsSpan(0, n), m.AsSpan(0, n), v.AsSpan(0, n), default, threads), steps);
            text.AppendLine(Row("hand-written `Vector512` Adam", n, Rate(n, one), Rate(n, all), $"{ratio:F2}×"));
        }

        return text.ToString();
    }

    /// <summary>Median time per call on one thread and on all cores, and the median of their ratio within a round.</summary>
    private static (double One, double All, double Ratio) Compare(Action<int> run, int callsPerBatch)
    {
        double[] one = new double[Rounds], all = new double[Rounds], ratio = new double[Rounds];
        Batch(run, 1, callsPerBatch);
        Batch(run, -1, callsPerBatch);
        for (int round = 0; round < Rounds; round++)
        {
            one[round] = Batch(run, 1, callsPerBatch);
            all[round] = Batch(run, -1, callsPerBatch);
            ratio[round] = one[round] / all[round];
        }

        return (InterleavedRounds.Median(one), InterleavedRounds.Median(all), InterleavedRounds.Median(ratio));
    }

    private static double Batch(Action<int> run, int threads, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            run(threads);
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
    }

    private static string Nanoseconds(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:F0} ns");

    private static string Rate(int n, double nanoseconds) => string.Create(CultureInfo.InvariantCulture, $"{n / nanoseconds:F2} Gelem/s");

    private static string Bandwidth(int n, double nanoseconds) => string.Create(CultureInfo.InvariantCulture, $"{28.0 * n / nanoseconds:F1} GB/s");

    private static string Row(string what, int n, string one, string all, string ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"| {what} | {n:N0} | {one} | {all} | {ratio} |");
}
