using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// <c>--adafactor-memory</c>: GPT-2 small declared for Adam and for Adafactor (<see cref="Gpt2SmallAdam"/>,
/// <see cref="Gpt2SmallAdafactor"/>): the state each holds (<c>StateBytes</c>, and what PyTorch's tensors would hold),
/// and the median time of a whole StepAll over the 148 sets on one thread and on all cores.
/// </summary>
public static class AdafactorMemory
{
    private const int Steps = 7;

    public static string Measure()
    {
        var shapes = Gpt2Declaration.Small;
        long parameters = shapes.Sum(s => (long)Gpt2Declaration.Length(s.Shape));
        long adafactorFloats = shapes.Sum(s => s.Shape.Length > 1
            ? (long)s.Shape[0] + s.Shape[1]
            : Gpt2Declaration.Length(s.Shape));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"GPT-2 small: {shapes.Count} tensors, {parameters:N0} parameters ({parameters * 4:N0} bytes of θ).");
        text.AppendLine("| optimizer | state tensors (PyTorch's) | StateBytes | bytes per parameter | StepAll, 1 thread | StepAll, all cores |");
        text.AppendLine("|---|---|---|---|---|---|");
        Row(text, "Adam", new Gpt2SmallAdam(), 2 * parameters * 4, parameters);
        Row(text, "Adafactor", new Gpt2SmallAdafactor(), adafactorFloats * 4, parameters);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, IDeclaredLayout optimizer, long logicalBytes, long parameters)
    {
        Gpt2Declaration.Verify(optimizer, Gpt2Declaration.Small);
        var random = new Random(1);
        ArraySegment<float>[] p = Gpt2Declaration.Small.Select(s => Filled(random, Gpt2Declaration.Length(s.Shape), 0.02f)).ToArray();
        ArraySegment<float>[] g = Gpt2Declaration.Small.Select(s => Filled(random, Gpt2Declaration.Length(s.Shape), 0.001f)).ToArray();
        string one = Time(optimizer, p, g, threads: 1);
        string all = Time(optimizer, p, g, threads: -1);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {logicalBytes:N0} | {optimizer.StateBytes:N0} | {(double)optimizer.StateBytes / parameters:F3} | {one} | {all} |");
    }

    private static string Time(IDeclaredLayout optimizer, ArraySegment<float>[] p, ArraySegment<float>[] g, int threads)
    {
        optimizer.MaxDegreeOfParallelism = threads;
        optimizer.StepAllSets(p, g); // the first step commits nothing new (state is allocated at construction) but JITs
        double[] milliseconds = new double[Steps];
        for (int i = 0; i < Steps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            optimizer.StepAllSets(p, g);
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{milliseconds[Steps / 2]:F1} ms");
    }

    private static ArraySegment<float> Filled(Random random, int length, float scale)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }
}
