using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Rlx.Optim.Benchmarks.RawKernels;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// <c>--driver-vs-previous</c>: the generated float Adam (<see cref="SingleAdam"/>, whose loop is now the runtime's
/// <see cref="ElementwiseDriver"/>) against the kernel the generator wrote before the driver
/// (<see cref="PreviousGeneratedAdam"/>, through <see cref="PreviousSingleAdam"/>: the same argument checks, scalars,
/// placement and split). First checks that both give the same bits (throws if not), then times both at 4K, 64K, 1M
/// and 16M elements, on one thread and on two, in <see cref="InterleavedRounds"/> over the same θ, g and state
/// buffers, and reports the median over rounds of the driver's speed relative to the previous kernel's in the same
/// round, with the range over rounds, and the ratio of each one's fastest batch (the least disturbed by other
/// processes on a shared host). The width is the process's: 512-bit vectors where they are accelerated,
/// <c>Vector&lt;T&gt;</c> with <c>DOTNET_EnableAVX512=0</c>.
/// </summary>
public static class DriverVsPrevious
{
    private const int Rounds = 21;

    /// <summary>The optimizer's learning rate as it holds it, a float (1e-3 rounded), widened for Prepare.</summary>
    private const float LearningRate = 1e-3f;

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine(CheckSameBits(3001, steps: 12, threads: 1));
        text.AppendLine(CheckSameBits(70_013, steps: 6, threads: 1));
        text.AppendLine(CheckSameBits(70_013, steps: 6, threads: -1));
        text.AppendLine();
        text.AppendLine($"{KernelWidth.FloatLanes * 32}-bit vectors, {Rounds} interleaved rounds; speed × previous is the previous kernel's time over the driver's in the same round.");
        text.AppendLine();
        text.AppendLine("| elements | threads | driver, median time | driver Gelem/s | previous kernel, median time | previous Gelem/s | driver speed × previous (median, min–max) | fastest batches |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in new[] { 4096, 65536, 1 << 20, 1 << 24 })
        {
            Time(n, text);
        }

        return text.ToString();
    }

    /// <summary>
    /// Steps a set of <paramref name="length"/> elements through a generated <see cref="SingleAdam"/> (a set created
    /// on first use, split across cores from the parallel threshold on) and through the previous kernel over arrays of
    /// its own; every bit of θ, m and v must agree after every step.
    /// </summary>
    public static string CheckSameBits(int length, int steps, int threads)
    {
        var random = new Random(7);
        float[] generatedP = new float[length];
        for (int i = 0; i < length; i++)
        {
            generatedP[i] = (float)(random.NextDouble() * 2 - 1);
        }

        generatedP[5] = float.NaN;
        generatedP[6] = float.PositiveInfinity;
        float[] previousP = (float[])generatedP.Clone();
        float[] m = new float[length], v = new float[length], g = new float[length];
        var optimizer = new SingleAdam { MaxDegreeOfParallelism = threads };
        int rare = 0;
        for (long t = 1; t <= steps; t++)
        {
            for (int i = 0; i < length; i++)
            {
                // Mostly ordinary gradients; some tiny (subnormal moments), some huge (infinite v), some zero.
                g[i] = (i % 97) switch
                {
                    3 => (float)(random.NextDouble() * 1e-39),
                    7 => (float)((random.NextDouble() - 0.5) * 4e25),
                    11 => 0f,
                    13 => t % 3 == 0 ? (float)(random.NextDouble() * 1e-44) : 0f,
                    _ => (float)(random.NextDouble() * 2 - 1),
                };
            }

            optimizer.Step("check", generatedP, g);
            optimizer.EndIteration();

            PreviousAdamScalars scalars = PreviousGeneratedAdam.Prepare(LearningRate, t);
            if (length >= OptimizerDefaults.ParallelThreshold)
            {
                UpdateKernels.RunParallel<PreviousGeneratedAdam, PreviousAdamScalars>(in scalars, previousP, g, m, v, default, threads);
            }
            else
            {
                UpdateKernels.Run<PreviousGeneratedAdam, PreviousAdamScalars>(in scalars, previousP, g, m, v, default);
            }

            optimizer.TryGetState("check", out ParameterState? state);
            Compare("θ", generatedP, previousP, t);
            Compare("m", state!.Buffer(0), m, t);
            Compare("v", state.Buffer(1), v, t);
            for (int i = 0; i < length; i++)
            {
                rare += float.IsSubnormal(m[i]) || float.IsSubnormal(v[i]) || float.IsInfinity(v[i]) ? 1 : 0;
            }
        }

        string cores = threads == 1 ? "one thread" : "all cores";
        return $"Same bits: {length:N0} elements, {steps} steps, {cores}, {KernelWidth.FloatLanes * 32}-bit vectors: θ, m and v " +
            $"of the previous kernel identical to the generated optimizer's ({rare:N0} element-steps with a rare moment).";
    }

    private static void Compare(string name, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, long step)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToUInt32Bits(expected[i]) != BitConverter.SingleToUInt32Bits(actual[i]))
            {
                throw new InvalidOperationException(
                    $"The previous kernel differs from the generated optimizer: {name}[{i}] at step {step} is {actual[i]:R} " +
                    $"(0x{BitConverter.SingleToUInt32Bits(actual[i]):X8}), expected {expected[i]:R} " +
                    $"(0x{BitConverter.SingleToUInt32Bits(expected[i]):X8}).");
            }
        }
    }

    private static double Fastest(double[,] times, int k) => Enumerable.Range(0, Rounds).Min(r => times[k, r]);

    private static void Time(int n, StringBuilder text)
    {
        var random = new Random(42);
        ArraySegment<float> p = PlacedStreams.Filled(PlacedStreams.Parameter, random, n);
        ArraySegment<float> g = PlacedStreams.Filled(PlacedStreams.Gradient, random, n);
        var optimizer = new SingleAdam();
        var previous = new PreviousSingleAdam(optimizer, AdamStepBenchmarks.SetName(n));
        Action generated = n switch
        {
            4096 => () => { optimizer.Step4K(p, g); optimizer.EndIteration(); },
            65536 => () => { optimizer.Step64K(p, g); optimizer.EndIteration(); },
            1 << 20 => () => { optimizer.Step1M(p, g); optimizer.EndIteration(); },
            _ => () => { optimizer.Step16M(p, g); optimizer.EndIteration(); },
        };
        Action[] cases = [generated, () => previous.Step(p, g)];

        // About 2 ms of work per batch in cache, three steps at 16M.
        int calls = Math.Max(3, (1 << 23) / n);
        foreach (int threads in new[] { 1, 2 })
        {
            optimizer.MaxDegreeOfParallelism = threads;
            previous.MaxDegreeOfParallelism = threads;
            // The warm-up includes the state's placement, which the optimizer makes once it has seen the layout twice.
            double[,] times = InterleavedRounds.Time(cases, Rounds, calls, warmUpCalls: Math.Max(3, calls));
            double[] speed = Enumerable.Range(0, Rounds).Select(r => times[1, r] / times[0, r]).ToArray();
            double driver = InterleavedRounds.MedianOverRounds(Rounds, r => times[0, r]);
            double old = InterleavedRounds.MedianOverRounds(Rounds, r => times[1, r]);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {threads} | {RatioReport.Time(driver)} | {n / driver:F2} | {RatioReport.Time(old)} | {n / old:F2} | " +
                $"{InterleavedRounds.Median(speed):F2}× ({speed.Min():F2}–{speed.Max():F2}) | {Fastest(times, 1) / Fastest(times, 0):F2}× |"));
        }
    }
}
