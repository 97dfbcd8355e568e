using System;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// The micro-benchmark of the random bits: 4,096 floats (in the first-level cache) rounded stochastically to
/// bfloat16 on 512-bit vectors, one thread, with each way of drawing the bits, in interleaved rounds, beside the
/// same loop with constant bits (the rounding, narrowing and stores alone).
/// </summary>
public static class HashCost
{
    private const int N = 4096;
    private const int Rounds = 15;

    public static string Measure()
    {
        var random = new Random(3);
        float[] x = new float[N], y = new float[N];
        for (int i = 0; i < N; i++)
        {
            x[i] = random.NextSingle();
            y[i] = random.NextSingle();
        }

        ushort[] a = new ushort[N], b = new ushort[N];
        ulong key = StochasticRounding.StepKey(1, 0, 1), key2 = StochasticRounding.StepKey(1, 1, 1);
        var cases = new (string Name, int Streams, Action Run)[]
        {
            ("constant bits (rounding, narrowing, store only)", 1, () => Constant(x, a)),
            ("before: two keyed lowbias32 rounds on the index (4 multiplies), index and key broadcast per vector", 1, () => TwoRounds(x, a, key)),
            ("now, by index: `RandomBits(key, indices)` per vector (2 multiplies)", 1, () => ByIndex(x, a, key)),
            ("now, carried: counter carried, key broadcast once", 1, () => Carried(x, a, key)),
            ("now, carried, one word for two streams (high and low half)", 2, () => Halves(x, y, a, b, key)),
            ("now, carried, a word per stream, two streams", 2, () => PerStream(x, y, a, b, key, key2)),
            ("rejected (fails the seed test): one fixed multiply, carried", 1, () => OneMultiply(x, a, key)),
        };

        double[,] times = InterleavedRounds.Time(cases.Select(c => c.Run).ToArray(), Rounds, callsPerBatch: 2_000, warmUpCalls: 500);
        var text = new StringBuilder();
        text.AppendLine("| random bits (4,096 floats to bfloat16, 512-bit, in L1) | ns per element and stream | × constant bits' speed |");
        text.AppendLine("|---|---:|---:|");
        for (int c = 0; c < cases.Length; c++)
        {
            double perElement = InterleavedRounds.MedianOverRounds(Rounds, r => times[c, r]) / (N * cases[c].Streams);
            double ratio = InterleavedRounds.MedianOverRounds(Rounds, r => times[0, r] / (times[c, r] / cases[c].Streams));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {cases[c].Name} | {perElement:F3} | {ratio:F2}× |"));
        }

        return text.ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Constant(float[] x, ushort[] a)
    {
        Vector512<uint> bits = Vector512.Create(0x8000_0000u);
        for (int i = 0; i < N; i += 16)
        {
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), bits), a, i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TwoRounds(float[] x, ushort[] a, ulong key)
    {
        for (int i = 0; i < N; i += 16)
        {
            Vector512<uint> w = LowBias32((Vector512<int>.Indices + Vector512.Create(i)).AsUInt32() ^ Vector512.Create((uint)key));
            w = LowBias32(w ^ Vector512.Create((uint)(key >> 32)));
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), w), a, i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ByIndex(float[] x, ushort[] a, ulong key)
    {
        for (int i = 0; i < N; i += 16)
        {
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), key, i), a, i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Carried(float[] x, ushort[] a, ulong key)
    {
        Vector512<uint> low = Vector512.Create((uint)key), high = Vector512.Create((uint)(key >> 32));
        Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices);
        Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(16));
        for (int i = 0; i < N; i += 16)
        {
            Vector512<uint> w = StochasticRounding.RandomBits(counter, low, high);
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), w), a, i);
            counter += advance;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Halves(float[] x, float[] y, ushort[] a, ushort[] b, ulong key)
    {
        Vector512<uint> low = Vector512.Create((uint)key), high = Vector512.Create((uint)(key >> 32));
        Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices);
        Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(16));
        for (int i = 0; i < N; i += 16)
        {
            Vector512<uint> w = StochasticRounding.RandomBits(counter, low, high);
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), w), a, i);
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref y[0], (nuint)i), w << 16), b, i);
            counter += advance;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PerStream(float[] x, float[] y, ushort[] a, ushort[] b, ulong key, ulong key2)
    {
        Vector512<uint> low = Vector512.Create((uint)key), high = Vector512.Create((uint)(key >> 32));
        Vector512<uint> low2 = Vector512.Create((uint)key2), high2 = Vector512.Create((uint)(key2 >> 32));
        Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices);
        Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(16));
        for (int i = 0; i < N; i += 16)
        {
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), StochasticRounding.RandomBits(counter, low, high)), a, i);
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref y[0], (nuint)i), StochasticRounding.RandomBits(counter, low2, high2)), b, i);
            counter += advance;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OneMultiply(float[] x, ushort[] a, ulong key)
    {
        Vector512<uint> low = Vector512.Create((uint)key);
        Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices);
        Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(16));
        for (int i = 0; i < N; i += 16)
        {
            Vector512<uint> w = counter ^ low;
            w ^= w >>> 16;
            w *= Vector512.Create(0x7FEB352Du);
            w ^= w >>> 16;
            Store(StochasticRounding.ToBFloat16(Vector512.LoadUnsafe(ref x[0], (nuint)i), w), a, i);
            counter += advance;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<uint> rounded, ushort[] to, int i) =>
        Vector512.Narrow(rounded, rounded).GetLower().StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(to), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> LowBias32(Vector512<uint> x)
    {
        x ^= x >>> 16;
        x *= Vector512.Create(0x7FEB352Du);
        x ^= x >>> 15;
        x *= Vector512.Create(0x846CA68Bu);
        return x ^ (x >>> 16);
    }
}
