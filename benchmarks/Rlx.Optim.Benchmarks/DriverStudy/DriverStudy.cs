using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// <c>--driver-study</c>: first checks that the prototype driver with <see cref="DefaultAdamRule"/> gives the same
/// bits as the generated <c>[AdamOptimizer]</c> (throws if not), then times, one thread, at 4K, 64K, 1M and 16M,
/// today's generated optimizer beside the driver over float, bfloat16 state, and bfloat16 θ, g and state, and probes
/// that move 28, 20 and 14 bytes per element, in <see cref="InterleavedRounds"/>: each case as the median over rounds
/// of its speed relative to today's kernel in the same round.
/// </summary>
public static class DriverStudy
{
    private const int Rounds = 15;
    private const ulong Seed = 0x5EED;

    /// <summary>The optimizer's learning rate as it holds it, a float (1e-3 rounded), widened for Prepare.</summary>
    private const float LearningRate = 1e-3f;

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine(CheckSameBits(3001, steps: 12));
        text.AppendLine(CheckSameBits(20_011, steps: 6));
        text.AppendLine(CheckRoundingBits(20_011));
        text.AppendLine();
        text.AppendLine(HashCost.Measure());
        text.AppendLine("| elements | case | bytes/elem | median time | Gelem/s | GB/s | speed × today's (same round: median, min–max) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (int n in new[] { 4096, 65536, 1 << 20, 1 << 24 })
        {
            Time(n, text);
        }

        return text.ToString();
    }

    /// <summary>Steps a set through the generated optimizer and through the driver; every bit of θ, m and v must agree.</summary>
    public static string CheckSameBits(int length, int steps)
    {
        var random = new Random(7);
        float[] generatedP = new float[length];
        for (int i = 0; i < length; i++)
        {
            generatedP[i] = (float)(random.NextDouble() * 2 - 1);
        }

        generatedP[5] = float.NaN;
        generatedP[6] = float.PositiveInfinity;
        float[] driverP = (float[])generatedP.Clone();
        float[] m = new float[length], v = new float[length], g = new float[length];
        var optimizer = new SingleAdam { MaxDegreeOfParallelism = 1 };
        int rareGroups = 0;
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

            optimizer.Step("study", generatedP, g);
            optimizer.EndIteration();

            AdamStepScalars scalars = DefaultAdamRule.Prepare(LearningRate, t);
            var streams = new Streams<float, float>(
                ref driverP[0], in g[0], ref m[0], ref v[0], ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>(), default);
            ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, float, FloatStorage, HashPerStream>(in scalars, in streams, length);

            optimizer.TryGetState("study", out ParameterState? state);
            Compare("θ", generatedP, driverP, t);
            Compare("m", state!.Buffer(0), m, t);
            Compare("v", state.Buffer(1), v, t);
            for (int i = 0; i < length; i++)
            {
                rareGroups += float.IsSubnormal(m[i]) || float.IsSubnormal(v[i]) || float.IsInfinity(v[i]) ? 1 : 0;
            }
        }

        return $"Same bits: {length:N0} elements, {steps} steps, {KernelWidth.FloatLanes * 32}-bit vectors, " +
            $"θ, m and v identical to the generated optimizer's ({rareGroups:N0} element-steps with a rare moment).";
    }

    /// <summary>
    /// One step from zero state over float and over bfloat16 m and v, both ways of drawing bits: each bfloat16 moment
    /// must be the float moment rounded with the scalar <c>StochasticRounding</c> bits of its own index (a carried
    /// counter, the tail's offset and the shared word's halves included); throws if not.
    /// </summary>
    public static string CheckRoundingBits(int length)
    {
        var random = new Random(9);
        float[] p = new float[length], g = new float[length], m = new float[length], v = new float[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = (float)(random.NextDouble() * 2 - 1);
            g[i] = (float)(random.NextDouble() * 2 - 1) * MathF.ScaleB(1, random.Next(-20, 4));
        }

        float[] floatP = (float[])p.Clone();
        AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, 1);
        var floats = new Streams<float, float>(ref floatP[0], in g[0], ref m[0], ref v[0], ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>(), default);
        ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, float, FloatStorage, HashPerStream>(in s, in floats, length);

        RoundingKeys keys = RoundingKeys.For(Seed, 3, 1);
        foreach (bool shared in new[] { false, true })
        {
            float[] bfP = (float[])p.Clone();
            var bfM = new BFloat16[length];
            var bfV = new BFloat16[length];
            var streams = new Streams<float, BFloat16>(ref bfP[0], in g[0], ref bfM[0], ref bfV[0], ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), in keys);
            if (shared)
            {
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, BFloat16, BFloat16Storage, HashShared>(in s, in streams, length);
            }
            else
            {
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, BFloat16, BFloat16Storage, HashPerStream>(in s, in streams, length);
            }

            for (int i = 0; i < length; i++)
            {
                uint wordM = StochasticRounding.RandomBits(keys.State0, i);
                uint wordV = shared ? wordM << 16 : StochasticRounding.RandomBits(keys.State1, i);
                if (bfM[i].Bits != StochasticRounding.ToBFloat16(m[i], wordM).Bits || bfV[i].Bits != StochasticRounding.ToBFloat16(v[i], wordV).Bits)
                {
                    throw new InvalidOperationException($"bfloat16 state ({(shared ? "one word" : "a word per stream")}) differs from the scalar rounding at index {i}.");
                }
            }
        }

        return $"Rounding bits: {length:N0} elements, bfloat16 m and v (a word per stream, and one word for both) identical " +
            "to the float step's moments rounded with the scalar StochasticRounding bits of each index.";
    }

    private static void Compare(string name, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, long step)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToUInt32Bits(expected[i]) != BitConverter.SingleToUInt32Bits(actual[i]))
            {
                throw new InvalidOperationException(
                    $"The driver differs from the generated optimizer: {name}[{i}] at step {step} is {actual[i]:R} " +
                    $"(0x{BitConverter.SingleToUInt32Bits(actual[i]):X8}), expected {expected[i]:R} " +
                    $"(0x{BitConverter.SingleToUInt32Bits(expected[i]):X8}).");
            }
        }
    }

    private static void Time(int n, StringBuilder text)
    {
        var random = new Random(42);
        ArraySegment<float> p = PlacedStreams.Filled(PlacedStreams.Parameter, random, n);
        ArraySegment<float> g = PlacedStreams.Filled(PlacedStreams.Gradient, random, n);
        var optimizer = new SingleAdam { MaxDegreeOfParallelism = 1 };
        string set = AdamStepBenchmarks.SetName(n);
        optimizer.TryGetState(set, out ParameterState? declared);
        ParameterState state = declared ?? throw new InvalidOperationException($"No set '{set}'.");
        Action generated = n switch
        {
            4096 => () => { optimizer.Step4K(p, g); optimizer.EndIteration(); },
            65536 => () => { optimizer.Step64K(p, g); optimizer.EndIteration(); },
            1 << 20 => () => { optimizer.Step1M(p, g); optimizer.EndIteration(); },
            _ => () => { optimizer.Step16M(p, g); optimizer.EndIteration(); },
        };

        // bfloat16 streams, each placed as the float ones are (half as long, as floats).
        ArraySegment<float> halfM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n / 2 + 16);
        ArraySegment<float> halfV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n / 2 + 16);
        ArraySegment<float> halfP = PlacedStreams.Zeroed(PlacedStreams.Parameter, n / 2 + 16);
        ArraySegment<float> halfG = PlacedStreams.Zeroed(PlacedStreams.Gradient, n / 2 + 16);
        ArraySegment<float> allM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n / 2 + 16);
        ArraySegment<float> allV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n / 2 + 16);
        ArraySegment<float> sharedM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n / 2 + 16);
        ArraySegment<float> sharedV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n / 2 + 16);
        ArraySegment<float> sharedP = PlacedStreams.Zeroed(PlacedStreams.Parameter, n / 2 + 16);
        ArraySegment<float> sharedAllM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n / 2 + 16);
        ArraySegment<float> sharedAllV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n / 2 + 16);
        ArraySegment<float> constM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n / 2 + 16);
        ArraySegment<float> constV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n / 2 + 16);
        ArraySegment<float> constP = PlacedStreams.Zeroed(PlacedStreams.Parameter, n / 2 + 16);
        ArraySegment<float> constAllM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n / 2 + 16);
        ArraySegment<float> constAllV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n / 2 + 16);
        for (int i = 0; i < n; i++)
        {
            AsBFloat16(constP)[i] = (BFloat16)p[i];
            AsBFloat16(sharedP)[i] = (BFloat16)p[i];
            AsBFloat16(halfP)[i] = (BFloat16)p[i];
            AsBFloat16(halfG)[i] = (BFloat16)g[i];
        }

        // The probes store bit patterns, so they have streams of their own.
        ArraySegment<float> probeP = PlacedStreams.Filled(PlacedStreams.Parameter, random, n);
        ArraySegment<float> probeG = PlacedStreams.Filled(PlacedStreams.Gradient, random, n);
        ArraySegment<float> probeM = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, n);
        ArraySegment<float> probeV = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, n);

        long tFloat = 0, tState = 0, tAll = 0, tStateShared = 0, tAllShared = 0, tConstant = 0, tConstantAll = 0;
        var cases = new List<(string Name, int Bytes, Action Run)>
        {
            ("today's generated optimizer (`Step16M`-style declared-set call)", 28, generated),
            ("driver, float (over the optimizer's own m, v)", 28, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tFloat);
                var streams = new Streams<float, float>(
                    ref At(p), in At(g), ref Ref(state.Buffer(0)), ref Ref(state.Buffer(1)),
                    ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>(), default);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, float, FloatStorage, HashPerStream>(in s, in streams, n);
            }),
            ("driver, bf16 m and v (stochastic rounding), float θ and g", 20, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tState);
                RoundingKeys keys = RoundingKeys.For(Seed, 0, tState);
                var streams = new Streams<float, BFloat16>(
                    ref At(p), in At(g), ref Ref(AsBFloat16(halfM)), ref Ref(AsBFloat16(halfV)),
                    ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), in keys);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, BFloat16, BFloat16Storage, HashPerStream>(in s, in streams, n);
            }),
            ("driver, bf16 m and v, one hash for both", 20, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tStateShared);
                RoundingKeys keys = RoundingKeys.For(Seed, 0, tStateShared);
                var streams = new Streams<float, BFloat16>(
                    ref At(p), in At(g), ref Ref(AsBFloat16(sharedM)), ref Ref(AsBFloat16(sharedV)),
                    ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), in keys);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, BFloat16, BFloat16Storage, HashShared>(in s, in streams, n);
            }),
            ("driver, bf16 θ, g, m, v (θ rounded stochastically, no master copy)", 14, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tAll);
                RoundingKeys keys = RoundingKeys.For(Seed, 0, tAll);
                var streams = new Streams<BFloat16, BFloat16>(
                    ref Ref(AsBFloat16(halfP)), in Ref(AsBFloat16(halfG)), ref Ref(AsBFloat16(allM)), ref Ref(AsBFloat16(allV)),
                    ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), in keys);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, BFloat16, BFloat16Storage, BFloat16, BFloat16Storage, HashPerStream>(in s, in streams, n);
            }),
            ("driver, bf16 θ, g, m, v, two hashes for three streams", 14, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tAllShared);
                RoundingKeys keys = RoundingKeys.For(Seed, 0, tAllShared);
                var streams = new Streams<BFloat16, BFloat16>(
                    ref Ref(AsBFloat16(sharedP)), in Ref(AsBFloat16(halfG)), ref Ref(AsBFloat16(sharedAllM)), ref Ref(AsBFloat16(sharedAllV)),
                    ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), in keys);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, BFloat16, BFloat16Storage, BFloat16, BFloat16Storage, HashShared>(in s, in streams, n);
            }),
            ("probe: driver, bf16 m and v, constant bits (no hash)", 20, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tConstant);
                var streams = new Streams<float, BFloat16>(
                    ref At(p), in At(g), ref Ref(AsBFloat16(constM)), ref Ref(AsBFloat16(constV)),
                    ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), default);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, float, FloatStorage, BFloat16, BFloat16Storage, ConstantBits>(in s, in streams, n);
            }),
            ("probe: driver, bf16 θ, g, m, v, constant bits (no hash)", 14, () =>
            {
                AdamStepScalars s = DefaultAdamRule.Prepare(LearningRate, ++tConstantAll);
                var streams = new Streams<BFloat16, BFloat16>(
                    ref Ref(AsBFloat16(constP)), in Ref(AsBFloat16(halfG)), ref Ref(AsBFloat16(constAllM)), ref Ref(AsBFloat16(constAllV)),
                    ref Unsafe.NullRef<BFloat16>(), ref Unsafe.NullRef<BFloat16>(), default);
                ElementwiseDriver.Run<DefaultAdamRule, AdamStepScalars, BFloat16, BFloat16Storage, BFloat16, BFloat16Storage, ConstantBits>(in s, in streams, n);
            }),
            ("probe, 28 B (float θ, g, m, v)", 28, () =>
                ProbeKernel.Update(default, ref At(probeP), ref At(probeG), ref At(probeM), ref At(probeV), ref Unsafe.NullRef<float>(), 0, (nuint)n)),
            ("probe, 20 B (float θ, g; 16-bit m, v)", 20, () => Probes.Bytes20(ref At(probeP), ref At(probeG), ref Halves(probeM), ref Halves(probeV), n)),
            ("probe, 14 B (16-bit θ, g, m, v)", 14, () => Probes.Bytes14(ref Halves(probeP), ref Halves(probeG), ref Halves(probeM), ref Halves(probeV), n)),
        };

        int calls = Math.Max(1, 8_000_000 / n);
        double[,] times = InterleavedRounds.Time(cases.Select(c => c.Run).ToArray(), Rounds, calls, warmUpCalls: Math.Max(2, calls / 4));
        for (int c = 0; c < cases.Count; c++)
        {
            double time = InterleavedRounds.MedianOverRounds(Rounds, r => times[c, r]);
            double[] ratios = Enumerable.Range(0, Rounds).Select(r => times[0, r] / times[c, r]).ToArray();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {cases[c].Name} | {cases[c].Bytes} | {time / 1e3:F2} µs | {n / time:F2} | {cases[c].Bytes * (double)n / time:F1} | " +
                $"{InterleavedRounds.Median(ratios):F2}× ({ratios.Min():F2}–{ratios.Max():F2}) |"));
        }
    }

    private static Span<BFloat16> AsBFloat16(ArraySegment<float> floats) => MemoryMarshal.Cast<float, BFloat16>(floats.AsSpan());

    private static ref float At(ArraySegment<float> s) => ref MemoryMarshal.GetReference(s.AsSpan());

    private static ref ushort Halves(ArraySegment<float> s) => ref Unsafe.As<float, ushort>(ref At(s));

    private static ref T Ref<T>(Span<T> s) => ref MemoryMarshal.GetReference(s);
}

/// <summary>The bandwidth probe for 16-bit streams: each stream's bytes read and written, no arithmetic, 512-bit.</summary>
internal static class Probes
{
    /// <summary>Reads float θ, g and 16-bit m, v; writes θ, m, v: 20 bytes per element.</summary>
    public static void Bytes20(ref float p, ref float g, ref ushort m, ref ushort v, int n)
    {
        for (nuint i = 0; i + 16 <= (nuint)n; i += 16)
        {
            Vector512<float> pv = Vector512.LoadUnsafe(ref p, i);
            Vector512<float> gv = Vector512.LoadUnsafe(ref g, i);
            Vector256<ushort> mv = Vector256.LoadUnsafe(ref m, i);
            Vector256<ushort> vv = Vector256.LoadUnsafe(ref v, i);
            gv.StoreUnsafe(ref p, i);
            vv.StoreUnsafe(ref m, i);
            (mv | pv.AsUInt16().GetLower()).StoreUnsafe(ref v, i);
        }
    }

    /// <summary>Reads 16-bit θ, g, m, v; writes θ, m, v: 14 bytes per element.</summary>
    public static void Bytes14(ref ushort p, ref ushort g, ref ushort m, ref ushort v, int n)
    {
        for (nuint i = 0; i + 16 <= (nuint)n; i += 16)
        {
            Vector256<ushort> pv = Vector256.LoadUnsafe(ref p, i);
            Vector256<ushort> gv = Vector256.LoadUnsafe(ref g, i);
            Vector256<ushort> mv = Vector256.LoadUnsafe(ref m, i);
            Vector256<ushort> vv = Vector256.LoadUnsafe(ref v, i);
            gv.StoreUnsafe(ref p, i);
            vv.StoreUnsafe(ref m, i);
            (mv | pv).StoreUnsafe(ref v, i);
        }
    }
}
