namespace Rlx.Optim.CompilerServices;

/// <summary>One driver run handed to <see cref="WorkerPool"/> in chunks. Reused: never allocated per step.</summary>
internal sealed unsafe class ParallelRun<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage> : IWorkItem
    where TWide : struct, IWideUpdate<TScalars>
    where TPreferred : struct, IPreferredUpdate<TScalars>
    where TScalars : unmanaged
    where TData : unmanaged
    where TDataStorage : struct, IStorage<TData>
    where TGradient : unmanaged
    where TGradientStorage : struct, IStorage<TGradient>
    where TState : unmanaged
    where TStateStorage : struct, IStorage<TState>
{
    [System.ThreadStatic]
    private static ParallelRun<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>? t_current;

    private TScalars _scalars;
    private TData* _parameter;
    private TGradient* _gradient;
    private TState* _state0;
    private TState* _state1;
    private TState* _state2;
    private TState* _state3;
    private RoundingKeys _keys;
    private float _gradientScale;
    private int _length;

    /// <summary>The calling thread's instance: one per thread and kernel, so concurrent optimizers never share one.</summary>
    public static ParallelRun<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage> ForCurrentThread =>
        t_current ??= new();

    public int Length => _length;

    public void Set(
        in TScalars scalars, TData* parameter, TGradient* gradient, TState* state0, TState* state1, TState* state2,
        TState* state3, in RoundingKeys keys, float gradientScale, int length)
    {
        _scalars = scalars;
        _parameter = parameter;
        _gradient = gradient;
        _state0 = state0;
        _state1 = state1;
        _state2 = state2;
        _state3 = state3;
        _keys = keys;
        _gradientScale = gradientScale;
        _length = length;
    }

    public void Clear() => Set(default, null, null, null, null, null, null, default, 1f, 0);

    public void Execute(nuint start, nuint end)
    {
        var streams = new Streams<TData, TGradient, TState>(
            ref *_parameter, in *_gradient, ref *_state0, ref *_state1, ref *_state2, ref *_state3, _keys, _gradientScale);
        ElementwiseDriver.RunRange<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
            in _scalars, in streams, start, end);
    }
}
