using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// One step of every optimizer of the family, generated in float arithmetic at PyTorch's defaults, at the same four
/// sizes, on one thread and on all cores: Adam is the baseline, measured in the same run.
/// </summary>
[MemoryDiagnoser]
public class FamilyStepBenchmarks
{
    /// <summary>Each optimizer, and the bytes one step moves per element: θ and g read, θ written, each state buffer read and written.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<IOptimizer> Create, int BytesPerElement)> Optimizers =
        new Dictionary<string, (Func<IOptimizer>, int)>
        {
            ["Adam"] = (() => new SingleAdam(), 28),
            ["Adam AMSGrad"] = (() => new AmsGradAdam(), 36),
            ["AdamW"] = (() => new BenchAdamW(), 28),
            ["NAdam"] = (() => new BenchNAdam(), 28),
            ["RAdam"] = (() => new BenchRAdam(), 28),
            ["Adamax"] = (() => new BenchAdamax(), 28),
            ["Lion"] = (() => new BenchLion(), 20),
            ["SGD momentum"] = (() => new MomentumSgd(), 20),
            ["SGD"] = (() => new PlainSgd(), 12),
            ["Adagrad"] = (() => new BenchAdagrad(), 20),
            ["RMSprop"] = (() => new BenchRMSprop(), 20),
            ["RMSprop centered momentum"] = (() => new CenteredMomentumRMSprop(), 36),
            // Adafactor reads the set in passes before updating it: θ and g (row sums, θ²), g again (column stripes),
            // g (ΣU²), then g and θ read, θ written; its factors (R + C floats) stay in cache. A vector also reads and
            // writes its variance in the first pass and reads it in the update.
            ["Adafactor"] = (() => new FactoredAdafactor(), 28),
            ["Adafactor vector"] = (() => new VectorAdafactor(), 32),
            ["LAMB"] = (() => new BenchLamb(), 44),
            ["Schedule-Free AdamW"] = (() => new BenchScheduleFree(), 28), // θ, g, z, v read; θ, z, v written
        };

    private ArraySegment<float> _p;
    private ArraySegment<float> _g;
    private IOptimizer _optimizer = null!;
    private string _setName = "";

    [ParamsSource(nameof(OptimizerNames))]
    public string Optimizer { get; set; } = "Adam";

    [Params(4096, 65536, 1 << 20, 1 << 24)]
    public int Elements { get; set; }

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>
    /// Every optimizer, or those the environment variable <c>RLX_FAMILY_OPTIMIZERS</c> names (comma-separated, e.g.
    /// <c>Adam,Adagrad</c>; keep Adam, the ratios' baseline), to measure a few rows without the whole table.
    /// </summary>
    public static IEnumerable<string> OptimizerNames =>
        Environment.GetEnvironmentVariable("RLX_FAMILY_OPTIMIZERS") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(Optimizers.ContainsKey)
            : Optimizers.Keys;

    public static IEnumerable<int> ThreadCounts => AdamStepBenchmarks.ThreadCounts;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _p = PlacedStreams.Filled(PlacedStreams.Parameter, random, Elements);
        _g = PlacedStreams.Filled(PlacedStreams.Gradient, random, Elements);
        _optimizer = Optimizers[Optimizer].Create();
        _optimizer.MaxDegreeOfParallelism = Threads;
        _setName = AdamStepBenchmarks.SetName(Elements);
        if (!_optimizer.TryGetState(_setName, out _))
        {
            throw new InvalidOperationException($"{Optimizer} declares no set named '{_setName}': the benchmark would measure lazily created state.");
        }
    }

    [Benchmark(Description = "Generated step")]
    public void Step()
    {
        _optimizer.Step(_setName, _p, _g);
        _optimizer.EndIteration();
    }
}
