using System;
using System.Linq;
using System.Numerics;
using Rlx.Optim.CompilerServices;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// Every remainder the unrolled loop can leave, and the split across cores, against the scalar transcription of the
/// seed: the double kernels bit for bit, the float kernels within the golden tolerance.
/// </summary>
public sealed class KernelCoverageTests
{
    private const int Steps = 3;

    public static TheoryData<int> Lengths()
    {
        int width = KernelWidth.FloatLanes;
        var lengths = new TheoryData<int>();
        foreach (int length in Enumerable.Range(0, 3 * width + 2).Concat([4 * width - 1, 4 * width, 8 * width + 3, 1000, 4099]))
        {
            lengths.Add(length);
        }

        return lengths;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Double_kernel_matches_the_seed_at_every_length(int length)
    {
        (float[] p, float[] m, float[] v) = RunReference(length, seed: 1);
        var optimizer = new NameKeyedDoubleAdam();
        float[] actual = RunOptimizer(optimizer, "p", length, seed: 1);

        FloatAssert.BitExact(Bits(p), actual, "parameter");
        FloatAssert.BitExact(Bits(m), State(optimizer, "p", "exp_avg"), "exp_avg");
        FloatAssert.BitExact(Bits(v), State(optimizer, "p", "exp_avg_sq"), "exp_avg_sq");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Single_kernel_matches_the_seed_at_every_length(int length)
    {
        (float[] p, float[] m, float[] v) = RunReference(length, seed: 2);
        var optimizer = new NameKeyedSingleAdam();
        float[] actual = RunOptimizer(optimizer, "p", length, seed: 2);

        FloatAssert.Close(Bits(p), actual, "parameter");
        FloatAssert.Close(Bits(m), State(optimizer, "p", "exp_avg"), "exp_avg");
        FloatAssert.Close(Bits(v), State(optimizer, "p", "exp_avg_sq"), "exp_avg_sq");
    }

    [Fact]
    public void Large_double_set_split_across_cores_matches_the_seed()
    {
        (float[] p, float[] m, float[] v) = RunReference(LargeDoubleAdam.WLength, seed: 3);
        var optimizer = new LargeDoubleAdam();
        float[] actual = RunOptimizer(optimizer, "w", LargeDoubleAdam.WLength, seed: 3);

        FloatAssert.BitExact(Bits(p), actual, "parameter");
        FloatAssert.BitExact(Bits(m), State(optimizer, "w", "exp_avg"), "exp_avg");
        FloatAssert.BitExact(Bits(v), State(optimizer, "w", "exp_avg_sq"), "exp_avg_sq");
    }

    [Fact]
    public void Large_single_set_gives_the_same_bits_on_one_core_and_on_all()
    {
        var allCores = new LargeSingleAdam();
        var oneCore = new LargeSingleAdam { MaxDegreeOfParallelism = 1 };

        float[] split = RunOptimizer(allCores, "w", LargeSingleAdam.WLength, seed: 4);
        float[] whole = RunOptimizer(oneCore, "w", LargeSingleAdam.WLength, seed: 4);

        FloatAssert.BitExact(Bits(whole), split, "parameter");
        FloatAssert.BitExact(Bits(State(oneCore, "w", "exp_avg_sq")), State(allCores, "w", "exp_avg_sq"), "exp_avg_sq");
    }

    [Theory]
    [InlineData(1_000_003, 2)]
    [InlineData(200_000, 3)]
    [InlineData(65_536, 2)]
    public void Chunks_cover_the_set_once_on_cache_line_boundaries(int length, int parts)
    {
        nuint next = 0;
        for (int index = 0; index < parts; index++)
        {
            (nuint start, nuint end) = ElementwiseDriver.ChunkOf(length, index, parts);
            Assert.Equal(next, start);
            Assert.True(start % ElementwiseDriver.ChunkGranularity == 0, $"chunk {index} starts at {start}");
            Assert.True(end > start);
            next = end;
        }

        Assert.Equal((nuint)length, next);
    }

    internal static float[] RunOptimizer(IOptimizer optimizer, string name, int length, int seed)
    {
        var random = new SplitMix64((ulong)seed);
        float[] parameter = new float[length];
        random.Fill(parameter, 1f);
        for (int step = 0; step < Steps; step++)
        {
            float[] gradient = new float[length];
            random.Fill(gradient, 1f);
            optimizer.Step(name, parameter, gradient);
            optimizer.EndIteration();
        }

        return parameter;
    }

    private static (float[] P, float[] M, float[] V) RunReference(int length, int seed)
    {
        var random = new SplitMix64((ulong)seed);
        var reference = new SeedReference(0.01f, 0.875f, 0.998046875f, 1e-8f, 0.01f);
        float[] p = new float[length];
        float[] m = new float[length];
        float[] v = new float[length];
        random.Fill(p, 1f);
        for (int step = 0; step < Steps; step++)
        {
            float[] gradient = new float[length];
            random.Fill(gradient, 1f);
            reference.Update(p, gradient, m, v);
            reference.EndIteration();
        }

        return (p, m, v);
    }

    private static float[] State(IOptimizer optimizer, string name, string buffer) =>
        optimizer.TryGetState(name, out ParameterState? state) ? state[buffer].Span.ToArray() : throw new InvalidOperationException(name);

    private static uint[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToUInt32Bits);
}
