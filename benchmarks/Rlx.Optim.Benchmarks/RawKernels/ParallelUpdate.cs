using System;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.RawKernels;

/// <summary>One kernel run handed to the runtime's <c>WorkerPool</c> in blocks. Reused: never allocated per step.</summary>
internal sealed unsafe class ParallelUpdate<TKernel, TScalars> : IWorkItem
    where TKernel : struct, IUpdateKernel<TScalars>
    where TScalars : unmanaged
{
    [ThreadStatic]
    private static ParallelUpdate<TKernel, TScalars>? t_current;

    private TScalars _scalars;
    private float* _parameter;
    private float* _gradient;
    private float* _state0;
    private float* _state1;
    private float* _state2;
    private int _length;

    /// <summary>The calling thread's instance: one per thread and kernel, so concurrent callers never share one.</summary>
    public static ParallelUpdate<TKernel, TScalars> ForCurrentThread => t_current ??= new ParallelUpdate<TKernel, TScalars>();

    public int Length => _length;

    public void Set(in TScalars scalars, float* parameter, float* gradient, float* state0, float* state1, float* state2, int length)
    {
        _scalars = scalars;
        _parameter = parameter;
        _gradient = gradient;
        _state0 = state0;
        _state1 = state1;
        _state2 = state2;
        _length = length;
    }

    public void Clear() => Set(default, null, null, null, null, null, 0);

    public void Execute(nuint start, nuint end) =>
        UpdateKernels.RunRange<TKernel, TScalars>(in _scalars, ref *_parameter, ref *_gradient, ref *_state0, ref *_state1, ref *_state2, start, end);
}
