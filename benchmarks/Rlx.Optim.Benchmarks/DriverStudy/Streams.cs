using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// Where one set's streams start: θ and g of storage type <typeparamref name="TData"/>, up to
/// <see cref="State512.Capacity"/> state buffers of <typeparamref name="TState"/>, and each rounded stream's key for
/// this step. One type for every rule: a rule with fewer buffers leaves the rest null, and the driver never touches
/// them (its <c>StateCount</c> is a constant to the JIT), so no kernel carries parameters for buffers it lacks.
/// </summary>
public ref struct Streams<TData, TState>
    where TData : unmanaged
    where TState : unmanaged
{
    public ref TData Parameter;
    public ref TData Gradient;
    public ref TState State0;
    public ref TState State1;
    public ref TState State2;
    public ref TState State3;

    /// <summary>Stochastic rounding keys of θ and of each state buffer (one stream each), for this step.</summary>
    public RoundingKeys Keys;

    /// <summary>The streams from their first elements; pass <see cref="Unsafe.NullRef{T}"/> for buffers the rule lacks.</summary>
    public Streams(
        ref TData parameter, ref readonly TData gradient, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, in RoundingKeys keys)
    {
        Parameter = ref parameter;
        Gradient = ref Unsafe.AsRef(in gradient);
        State0 = ref state0;
        State1 = ref state1;
        State2 = ref state2;
        State3 = ref state3;
        Keys = keys;
    }
}

/// <summary>One step's stochastic rounding keys: one stream per rounded buffer (StochasticRounding.StepKey).</summary>
public readonly record struct RoundingKeys(ulong Parameter, ulong State0, ulong State1, ulong State2, ulong State3)
{
    /// <summary>The keys of step <paramref name="step"/> of set <paramref name="set"/>: streams 5·set + 0 … 4.</summary>
    public static RoundingKeys For(ulong seed, int set, long step) => new(
        Rlx.Optim.CompilerServices.StochasticRounding.StepKey(seed, 5 * set, step),
        Rlx.Optim.CompilerServices.StochasticRounding.StepKey(seed, 5 * set + 1, step),
        Rlx.Optim.CompilerServices.StochasticRounding.StepKey(seed, 5 * set + 2, step),
        Rlx.Optim.CompilerServices.StochasticRounding.StepKey(seed, 5 * set + 3, step),
        Rlx.Optim.CompilerServices.StochasticRounding.StepKey(seed, 5 * set + 4, step));
}

/// <summary>
/// One step's rounding keys as the 512-bit loop uses them: each key's low and high words broadcast, once per call
/// (the JIT re-broadcast a key held as a ulong for every vector). Unused ones are dead code.
/// </summary>
public readonly struct RoundingKeys512
{
    public readonly Vector512<uint> ParameterLow, ParameterHigh, State0Low, State0High, State1Low, State1High;
    public readonly Vector512<uint> State2Low, State2High, State3Low, State3High;

    public RoundingKeys512(in RoundingKeys keys)
    {
        (ParameterLow, ParameterHigh) = (Vector512.Create((uint)keys.Parameter), Vector512.Create((uint)(keys.Parameter >> 32)));
        (State0Low, State0High) = (Vector512.Create((uint)keys.State0), Vector512.Create((uint)(keys.State0 >> 32)));
        (State1Low, State1High) = (Vector512.Create((uint)keys.State1), Vector512.Create((uint)(keys.State1 >> 32)));
        (State2Low, State2High) = (Vector512.Create((uint)keys.State2), Vector512.Create((uint)(keys.State2 >> 32)));
        (State3Low, State3High) = (Vector512.Create((uint)keys.State3), Vector512.Create((uint)(keys.State3 >> 32)));
    }
}

/// <inheritdoc cref="RoundingKeys512"/>
public readonly struct RoundingKeysPreferred
{
    public readonly Vector<uint> ParameterLow, ParameterHigh, State0Low, State0High, State1Low, State1High;
    public readonly Vector<uint> State2Low, State2High, State3Low, State3High;

    public RoundingKeysPreferred(in RoundingKeys keys)
    {
        (ParameterLow, ParameterHigh) = (new Vector<uint>((uint)keys.Parameter), new Vector<uint>((uint)(keys.Parameter >> 32)));
        (State0Low, State0High) = (new Vector<uint>((uint)keys.State0), new Vector<uint>((uint)(keys.State0 >> 32)));
        (State1Low, State1High) = (new Vector<uint>((uint)keys.State1), new Vector<uint>((uint)(keys.State1 >> 32)));
        (State2Low, State2High) = (new Vector<uint>((uint)keys.State2), new Vector<uint>((uint)(keys.State2 >> 32)));
        (State3Low, State3High) = (new Vector<uint>((uint)keys.State3), new Vector<uint>((uint)(keys.State3 >> 32)));
    }
}
