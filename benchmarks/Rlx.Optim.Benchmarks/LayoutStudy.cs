using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// How the streams' places in their pages change one step (4K aliasing): the hand-written 512-bit Adam
/// (<see cref="KernelShapes.Adam512{TParts}"/>) at 4K elements, one thread, with m and v starting d bytes after θ in
/// their pages (g 2 KB away), then with each stream alone d bytes after the other three. Whether a layout is slow
/// also depends on the addresses beyond the page offset, so the whole study is repeated over freshly allocated
/// buffers; each case is reported against the level layout (d = 0) in the same round (median over rounds), and then
/// as the median and the worst of that over the allocations. The figures behind the runtime's <c>StatePlacement</c>.
/// </summary>
public static class LayoutStudy
{
    private const int Allocations = 8;
    private const int Rounds = 7;
    private const int Elements = 4096;
    private const int CallsPerBatch = 1000;
    private const int SlackFloats = 1024;

    private static readonly int[] Distances = [0, 16, 64, 128, 192, 256, 320, 384, 448, 512, 1024, 2048, 4096 - 128, 4096 - 64];
    private static readonly int[] OneStreamDistances = [0, 64, 128, 192, 256, 4096 - 256, 4096 - 192, 4096 - 128, 4096 - 64];
    private static readonly string[] StreamNames = ["θ", "g", "m", "v"];

    public static string Measure()
    {
        var results = new Dictionary<(string Layout, int Distance), List<double>>();
        var random = new Random(42);
        for (int allocation = 0; allocation < Allocations; allocation++)
        {
            // Four streams, each starting a page; "at d" is the same buffer from byte d on.
            ArraySegment<float>[] streams = Enumerable.Range(0, 4).Select(_ => PlacedStreams.Filled(0, random, Elements + SlackFloats)).ToArray();
            streams[2].AsSpan().Clear();
            streams[3].AsSpan().Clear();

            Collect(results, "m and v d after θ (g 2 KB away)", Distances, d => [0, 2048, d, d], streams);
            for (int moved = 0; moved < StreamNames.Length; moved++)
            {
                int k = moved;
                Collect(results, $"{StreamNames[k]} alone d after the other three", OneStreamDistances, d => [k == 0 ? d : 0, k == 1 ? d : 0, k == 2 ? d : 0, k == 3 ? d : 0], streams);
            }
        }

        var text = new StringBuilder();
        text.AppendLine($"| layout | d (bytes, modulo 4,096) | × level, median of {Allocations} allocations | × level, worst allocation |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (((string layout, int distance), List<double> ratios) in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {layout} | {distance:N0} | {InterleavedRounds.Median(ratios):F2}× | {ratios.Max():F2}× |"));
        }

        return text.ToString();
    }

    /// <summary>Times the kernel with the streams at <paramref name="offsets"/>(d) bytes into their pages, for each d, in rotating rounds.</summary>
    private static void Collect(
        Dictionary<(string, int), List<double>> results, string layout, int[] distances, Func<int, int[]> offsets, ArraySegment<float>[] streams)
    {
        Action[] cases = distances.Select(d =>
        {
            int[] at = offsets(d);
            return (Action)(() => Step(streams, at));
        }).ToArray();
        double[,] times = InterleavedRounds.Time(cases, Rounds, CallsPerBatch, warmUpCalls: 2);

        for (int c = 0; c < distances.Length; c++)
        {
            double relative = InterleavedRounds.MedianOverRounds(Rounds, r => times[c, r] / times[0, r]);
            if (!results.TryGetValue((layout, distances[c]), out List<double>? list))
            {
                results[(layout, distances[c])] = list = [];
            }

            list.Add(relative);
        }
    }

    private static void Step(ArraySegment<float>[] streams, int[] bytes) =>
        KernelShapes.Adam512<AllParts>(
            ref At(streams[0], bytes[0]), ref At(streams[1], bytes[1]), ref At(streams[2], bytes[2]), ref At(streams[3], bytes[3]), Elements, 1e-3f, 1f);

    private static ref float At(ArraySegment<float> stream, int bytes) => ref stream.AsSpan()[bytes / sizeof(float)];
}
