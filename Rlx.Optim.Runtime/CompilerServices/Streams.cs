using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Where one set's streams start: θ of storage type <typeparamref name="TData"/>, g of <typeparamref name="TGradient"/>, up to
/// <see cref="WideState.Capacity"/> state buffers of <typeparamref name="TState"/>, and the rounding keys of this
/// step. One type for every rule: a rule with fewer buffers leaves the rest null, and the driver never touches them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct Streams<TData, TGradient, TState>
    where TData : unmanaged
    where TState : unmanaged
{
    /// <summary>θ's first element.</summary>
    public ref TData Parameter;
    /// <summary>g's first element (only read).</summary>
    public ref TGradient Gradient;
    /// <summary>State buffer 0's first element, or a null reference.</summary>
    public ref TState State0;
    /// <summary>State buffer 1's first element, or a null reference.</summary>
    public ref TState State1;
    /// <summary>State buffer 2's first element, or a null reference.</summary>
    public ref TState State2;
    /// <summary>State buffer 3's first element, or a null reference.</summary>
    public ref TState State3;

    /// <summary>The stochastic rounding keys of θ and of each state buffer, for this step.</summary>
    public RoundingKeys Keys;

    /// <summary>The factor g is multiplied by as it is read (gradient clipping's); 1 leaves g as it is.</summary>
    public float GradientScale;

    /// <summary>The streams from their first elements; <see cref="Unsafe.NullRef{T}"/> for buffers the rule lacks.</summary>
    public Streams(
        ref TData parameter, ref readonly TGradient gradient, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, RoundingKeys keys, float gradientScale = 1f)
    {
        GradientScale = gradientScale;
        Parameter = ref parameter;
        Gradient = ref Unsafe.AsRef(in gradient);
        State0 = ref state0;
        State1 = ref state1;
        State2 = ref state2;
        State3 = ref state3;
        Keys = keys;
    }
}

/// <summary>
/// One step's stochastic rounding keys (<see cref="StochasticRounding.StepKey"/>): one stream each for θ and every
/// state buffer of a set. Unused by storages that do not round.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct RoundingKeys(ulong Parameter, ulong State0, ulong State1, ulong State2, ulong State3)
{
    /// <summary>Streams per set: θ and <see cref="WideState.Capacity"/> state buffers.</summary>
    public const int StreamsPerSet = 1 + WideState.Capacity;

    /// <summary>The keys of step <paramref name="step"/> of set <paramref name="set"/>: streams 5·set + 0 … 4.</summary>
    public static RoundingKeys For(ulong seed, int set, long step) => new(
        StochasticRounding.StepKey(seed, StreamsPerSet * set, step),
        StochasticRounding.StepKey(seed, StreamsPerSet * set + 1, step),
        StochasticRounding.StepKey(seed, StreamsPerSet * set + 2, step),
        StochasticRounding.StepKey(seed, StreamsPerSet * set + 3, step),
        StochasticRounding.StepKey(seed, StreamsPerSet * set + 4, step));
}
