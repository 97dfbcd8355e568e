using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Rlx.Optim.Benchmarks.RawKernels;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The cost of handing a step to the worker threads and back, alone: an empty kernel over a set large enough to be
/// split, on one thread and on all cores. The difference is what every parallel step pays on top of its work.
/// </summary>
[MemoryDiagnoser]
public class HandOffBenchmarks
{
    private const int Elements = 1 << 16;
    private readonly float[] _p = new float[Elements];
    private readonly float[] _g = new float[Elements];

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<int> ThreadCounts => AdamStepBenchmarks.ThreadCounts;

    [Benchmark(Description = "Empty parallel run (64K elements)")]
    public void EmptyRun() => UpdateKernels.RunParallel<EmptyKernel, NoScalars>(default, _p, _g, default, default, default, Threads);
}
