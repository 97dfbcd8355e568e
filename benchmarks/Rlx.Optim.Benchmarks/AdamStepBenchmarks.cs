using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Rlx.Optim.Benchmarks.RawKernels;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// One Adam step over one parameter set, generated kernels beside the baselines, at four sizes, on one thread
/// and on all cores.
/// </summary>
[MemoryDiagnoser]
public class AdamStepBenchmarks
{
    private ArraySegment<float> _p;
    private ArraySegment<float> _g;
    private ArraySegment<float> _m;
    private ArraySegment<float> _v;
    private ArraySegment<float> _scratch;
    private SingleAdam _single = null!;
    private DoubleAdam _double = null!;
    private PreviousSingleAdam _previous = null!;
    private long _t;
    private string _setName = "";

    [Params(4096, 65536, 1 << 20, 1 << 24)]
    public int Elements { get; set; }

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _p = PlacedStreams.Filled(PlacedStreams.Parameter, random, Elements);
        _g = PlacedStreams.Filled(PlacedStreams.Gradient, random, Elements);
        _m = PlacedStreams.Zeroed(PlacedStreams.FirstMoment, Elements);
        _v = PlacedStreams.Zeroed(PlacedStreams.SecondMoment, Elements);
        _scratch = PlacedStreams.Zeroed(PlacedStreams.Scratch, Elements);
        _single = new SingleAdam { MaxDegreeOfParallelism = Threads };
        _double = new DoubleAdam { MaxDegreeOfParallelism = Threads };
        _t = 0;
        _setName = SetName(Elements);
        if (!_single.TryGetState(_setName, out _) || !_double.TryGetState(_setName, out _))
        {
            throw new InvalidOperationException($"No declared set is named '{_setName}': the benchmark would measure lazily created state.");
        }

        // The kernel the generator wrote before the runtime's driver, over the same θ, g and state as 'Generated Single'.
        _previous = new PreviousSingleAdam(_single, _setName) { MaxDegreeOfParallelism = Threads };
    }

    [Benchmark(Description = "Generated Single")]
    public void GeneratedSingle() => StepDeclaredSet(_single);

    [Benchmark(Description = "Generated Double")]
    public void GeneratedDouble() => StepDeclaredSet(_double);

    [Benchmark(Description = "Previous generated Single")]
    public void PreviousGeneratedSingle() => _previous.Step(_setName, _p, _g);

    [Benchmark(Baseline = true, Description = "Scalar seed port")]
    public void ScalarSeed() =>
        UpdateKernels.RunParallel<ScalarSeedKernel, StepNumber>(new StepNumber(++_t), _p, _g, _m, _v, default, Threads);

    [Benchmark(Description = "TensorPrimitives")]
    public void TensorPrimitivesComposition() =>
        UpdateKernels.RunParallel<TensorPrimitivesKernel, StepNumber>(new StepNumber(++_t), _p, _g, _m, _v, _scratch, Threads);

    [Benchmark(Description = "Plain 256-bit loop")]
    public void PlainLoop() =>
        UpdateKernels.RunParallel<PlainLoopKernel, StepNumber>(new StepNumber(++_t), _p, _g, _m, _v, default, Threads);

    [Benchmark(Description = "Bandwidth probe")]
    public void BandwidthProbe() =>
        UpdateKernels.RunParallel<ProbeKernel, NoScalars>(default, _p, _g, _m, _v, default, Threads);

    /// <summary>
    /// Steps the declared set of this size by its name (<c>Step4K</c> declares "4K"): the name-keyed call dispatches
    /// to the set's specialized kernel through a string switch, a few nanoseconds per step.
    /// </summary>
    private void StepDeclaredSet(IOptimizer optimizer)
    {
        optimizer.Step(_setName, _p, _g);
        optimizer.EndIteration();
    }

    /// <summary>The declared set of a benchmarked size: <c>Step4K</c> declares "4K".</summary>
    internal static string SetName(int elements) => elements switch
    {
        4096 => "4K",
        65536 => "64K",
        1 << 20 => "1M",
        _ => "16M",
    };
}
