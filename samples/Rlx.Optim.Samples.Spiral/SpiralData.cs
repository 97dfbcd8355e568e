using System;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>Points on interleaved spiral arms, one class per arm: not separable by a line, easy for a small network.</summary>
public sealed class SpiralData
{
    private SpiralData(float[] features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    /// <summary>Row-major, <see cref="Mlp.Inputs"/> values per point.</summary>
    public float[] Features { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    /// <summary>Makes <paramref name="perClass"/> noisy points per arm and splits them, shuffled, into train and test sets.</summary>
    public static (SpiralData Train, SpiralData Test) Generate(int perClass, double testFraction, int seed)
    {
        var random = new Random(seed);
        int total = perClass * Mlp.Classes;
        float[] features = new float[total * Mlp.Inputs];
        int[] labels = new int[total];
        for (int c = 0; c < Mlp.Classes; c++)
        {
            for (int i = 0; i < perClass; i++)
            {
                double radius = (double)i / perClass;
                double angle = (c * 2 * Math.PI / Mlp.Classes) + (radius * 4) + (Gaussian(random) * 0.2);
                int row = (c * perClass) + i;
                features[row * 2] = (float)(radius * Math.Sin(angle));
                features[(row * 2) + 1] = (float)(radius * Math.Cos(angle));
                labels[row] = c;
            }
        }

        int[] order = new int[total];
        for (int i = 0; i < total; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        int testCount = (int)(total * testFraction);
        return (Take(features, labels, order.AsSpan(testCount)), Take(features, labels, order.AsSpan(0, testCount)));
    }

    /// <summary>Process <paramref name="rank"/>'s part of the points for data-parallel training: a contiguous block of them.</summary>
    public SpiralData Shard(int rank, int size)
    {
        if (Count % size != 0)
        {
            throw new ArgumentException($"{Count} points do not split evenly over {size} processes.", nameof(size));
        }

        int count = Count / size;
        int[] rows = new int[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = (rank * count) + i;
        }

        return Take(Features, Labels, rows);
    }

    private static SpiralData Take(float[] features, int[] labels, ReadOnlySpan<int> rows)
    {
        float[] x = new float[rows.Length * Mlp.Inputs];
        int[] y = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            features.AsSpan(rows[i] * Mlp.Inputs, Mlp.Inputs).CopyTo(x.AsSpan(i * Mlp.Inputs));
            y[i] = labels[rows[i]];
        }

        return new SpiralData(x, y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
