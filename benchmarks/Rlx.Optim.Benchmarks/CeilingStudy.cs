using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Rlx.Optim.Benchmarks.RawKernels;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// 16M elements, out of every cache, on one thread and on all cores: the generated optimizer, the hand-written
/// 512-bit Adam over placed streams and over the optimizer's own state buffers, and the bandwidth probe, in
/// <see cref="InterleavedRounds"/> at one thread count at a time; each is reported as the median over rounds of the
/// probe's time over its own in the same round: the memory's ceiling, measured beside the kernels.
/// </summary>
public static class CeilingStudy
{
    private const int Length = 1 << 24;
    private const int Rounds = 15;
    private const int StepsPerBatch = 5;

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine("| threads | kernel | median Gelem/s | GB/s | % of the probe (same round, median) |");
        text.AppendLine("|---:|---|---:|---:|---:|");
        foreach (int threads in new[] { 1, -1 })
        {
            var random = new Random(42);
            ArraySegment<float> p = PlacedStreams.Filled(PlacedStreams.Parameter, random, Length), g = PlacedStreams.Filled(PlacedStreams.Gradient, random, Length);
            ArraySegment<float> handP = PlacedStreams.Filled(PlacedStreams.Parameter, random, Length), handG = PlacedStreams.Filled(PlacedStreams.Gradient, random, Length);
            ArraySegment<float> handM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, Length), handV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, Length);
            // The probe stores bit patterns (often NaN or ∞), so it has streams of its own.
            ArraySegment<float> probeP = PlacedStreams.Filled(PlacedStreams.Parameter, random, Length), probeG = PlacedStreams.Filled(PlacedStreams.Gradient, random, Length);
            ArraySegment<float> probeM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, Length), probeV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, Length);
            var optimizer = new SingleAdam { MaxDegreeOfParallelism = threads };
            ParameterState state = optimizer.TryGetState("16M", out ParameterState? declared) ? declared : throw new InvalidOperationException("No set '16M'.");
            ArraySegment<float> besideP = PlacedStreams.Filled(PlacedStreams.Parameter, random, Length), besideG = PlacedStreams.Filled(PlacedStreams.Gradient, random, Length);

            var cases = new (string Name, Action Run)[]
            {
                ("generated optimizer (own state buffers)", () => { optimizer.Step("16M", p, g); optimizer.EndIteration(); }),
                ("hand-written `Vector512` Adam, placed streams", () =>
                    UpdateKernels.RunParallel<Adam512Kernel, NoScalars>(default, handP, handG, handM, handV, default, threads)),
                // It writes the optimizer's moments too: both are Adam steps over uniform gradients, so they stay ordinary
                // values; Buffer(i) is read on every call, since the optimizer may move its state once it sees its layout.
                ("hand-written `Vector512` Adam over the optimizer's m and v", () =>
                    UpdateKernels.RunParallel<Adam512Kernel, NoScalars>(default, besideP, besideG, state.Buffer(0), state.Buffer(1), default, threads)),
                ("bandwidth probe", () =>
                    UpdateKernels.RunParallel<ProbeKernel, NoScalars>(default, probeP, probeG, probeM, probeV, default, threads)),
            };
            int probe = cases.Length - 1;
            // Twice before the rounds: first touch, and the placement the optimizer makes once it has seen its layout.
            double[,] times = InterleavedRounds.Time(cases.Select(c => c.Run).ToArray(), Rounds, StepsPerBatch, warmUpCalls: 2);

            string threadCount = threads == 1 ? "1" : Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
            for (int k = 0; k < cases.Length; k++)
            {
                double rate = Length / InterleavedRounds.MedianOverRounds(Rounds, r => times[k, r]);
                double ofProbe = InterleavedRounds.MedianOverRounds(Rounds, r => times[probe, r] / times[k, r]);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {threadCount} | {cases[k].Name} | {rate:F2} | {rate * 28:F1} | {100 * ofProbe:F0}% |"));
            }
        }

        return text.ToString();
    }
}
