using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The conversions a set of <see cref="Half"/> parameters with master weights pays outside the update: the master copy
/// rounded to nearest into the parameter (every step), and halves widened to floats (the copy taken, 16-bit gradients
/// summed across processes), each against the scalar loop over <see cref="Half"/>'s own conversions it replaced.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class HalfConversionBenchmarks
{
    private float[] _floats = [];
    private Half[] _halves = [];

    /// <summary>In the first-level cache, and a set of GPT-2 small's largest size (38.6M parameters) out of every cache.</summary>
    [Params(4_096, 38_597_376)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _floats = new float[Elements];
        _halves = new Half[Elements];
        for (int i = 0; i < Elements; i++)
        {
            _floats[i] = (float)(random.NextDouble() * 2 - 1) * 0.05f;
            _halves[i] = (Half)_floats[i];
        }
    }

    [BenchmarkCategory("round to nearest"), Benchmark(Baseline = true, Description = "scalar (Half)x")]
    public void RoundScalar()
    {
        float[] floats = _floats;
        Half[] halves = _halves;
        for (int i = 0; i < floats.Length; i++)
        {
            halves[i] = (Half)floats[i];
        }
    }

    [BenchmarkCategory("round to nearest"), Benchmark(Description = "NearestRounding.ToHalf")]
    public void RoundVectorized() => NearestRounding.ToHalf(_floats, _halves);

    [BenchmarkCategory("widen"), Benchmark(Baseline = true, Description = "scalar (float)h")]
    public void WidenScalar()
    {
        Half[] halves = _halves;
        float[] floats = _floats;
        for (int i = 0; i < halves.Length; i++)
        {
            floats[i] = (float)halves[i];
        }
    }

    [BenchmarkCategory("widen"), Benchmark(Description = "Widening.FromHalf")]
    public void WidenVectorized() => Widening.FromHalf(_halves, _floats);
}
