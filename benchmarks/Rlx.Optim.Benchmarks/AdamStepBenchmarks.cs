using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// One Adam step over one parameter set, generated kernels beside the baselines, at four sizes, on one thread
/// and on all cores.
/// </summary>
[MemoryDiagnoser]
public class AdamStepBenchmarks
{
    private float[] _p = [];
    private float[] _g = [];
    private float[] _m = [];
    private float[] _v = [];
    private float[] _scratch = [];
    private SingleAdam _single = null!;
    private DoubleAdam _double = null!;
    private long _t;

    [Params(4096, 65536, 1 << 20, 1 << 24)]
    public int Elements { get; set; }

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _p = Filled(random);
        _g = Filled(random);
        _m = new float[Elements];
        _v = new float[Elements];
        _scratch = new float[Elements];
        _single = new SingleAdam { MaxDegreeOfParallelism = Threads };
        _double = new DoubleAdam { MaxDegreeOfParallelism = Threads };
        _t = 0;
    }

    [Benchmark(Description = "Generated Single")]
    public void GeneratedSingle()
    {
        switch (Elements)
        {
            case 4096: _single.Step4K(_p, _g); break;
            case 65536: _single.Step64K(_p, _g); break;
            case 1 << 20: _single.Step1M(_p, _g); break;
            default: _single.Step16M(_p, _g); break;
        }

        _single.EndIteration();
    }

    [Benchmark(Description = "Generated Double")]
    public void GeneratedDouble()
    {
        switch (Elements)
        {
            case 4096: _double.Step4K(_p, _g); break;
            case 65536: _double.Step64K(_p, _g); break;
            case 1 << 20: _double.Step1M(_p, _g); break;
            default: _double.Step16M(_p, _g); break;
        }

        _double.EndIteration();
    }

    [Benchmark(Baseline = true, Description = "Scalar seed port")]
    public void ScalarSeed()
    {
        long t = ++_t;
        Baselines.Split(Elements, Threads, (start, length) =>
            Baselines.ScalarSeed(_p.AsSpan(start, length), _g.AsSpan(start, length), _m.AsSpan(start, length), _v.AsSpan(start, length), t));
    }

    [Benchmark(Description = "TensorPrimitives")]
    public void TensorPrimitivesComposition()
    {
        long t = ++_t;
        Baselines.Split(Elements, Threads, (start, length) =>
            Baselines.TensorPrimitivesAdam(_p.AsSpan(start, length), _g.AsSpan(start, length), _m.AsSpan(start, length), _v.AsSpan(start, length), _scratch.AsSpan(start, length), t));
    }

    [Benchmark(Description = "Bandwidth probe")]
    public void BandwidthProbe() =>
        Baselines.Split(Elements, Threads, (start, length) =>
            Baselines.BandwidthProbe(_p.AsSpan(start, length), _g.AsSpan(start, length), _m.AsSpan(start, length), _v.AsSpan(start, length)));

    private float[] Filled(Random random)
    {
        float[] values = new float[Elements];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
