using System.Numerics;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// One element's state, a vector's worth of lanes per buffer, in float: up to <see cref="Capacity"/> buffers. A rule
/// with fewer leaves the rest alone, and the JIT drops them (the driver reads <c>StateCount</c>, a constant to it).
/// </summary>
public struct State512
{
    public const int Capacity = 4;

    public Vector512<float> S0;
    public Vector512<float> S1;
    public Vector512<float> S2;
    public Vector512<float> S3;
}

/// <inheritdoc cref="State512"/>
public struct StatePreferred
{
    public Vector<float> S0;
    public Vector<float> S1;
    public Vector<float> S2;
    public Vector<float> S3;
}

/// <summary>
/// What a declaration decides, as a generator would emit it: the rule's arithmetic on float vectors with its
/// settings folded in as literals, in phases the runtime's driver calls. Loads, stores, the loop, the unrolling, the
/// widths and the tail belong to the driver (<see cref="ElementwiseDriver"/>).
/// </summary>
/// <remarks>
/// The phases of a group of four vectors: <see cref="Moments(in TScalars, Vector512{float}, ref Vector512{float}, ref State512)"/>
/// for each, then (when <see cref="HasRarePath"/>) one <see cref="AnyRare(in State512, in State512, in State512, in State512)"/>
/// for the four; if it holds, <see cref="ExactMoments(in TScalars, Vector512{float}, in State512, ref State512)"/> from the
/// stored state and <see cref="FinishRare(in TScalars, Vector512{float}, in State512)"/> for each, else
/// <see cref="Finish(in TScalars, Vector512{float}, in State512)"/>. A rule with no rare path implements the rare
/// members as no-ops; the driver never calls them.
/// </remarks>
/// <typeparam name="TScalars">The per-step scalars (bias corrections, step size), prepared once per step.</typeparam>
public interface IElementwiseRule<TScalars>
    where TScalars : unmanaged
{
    /// <summary>Buffers of state per element (at most <see cref="State512.Capacity"/>).</summary>
    static abstract int StateCount { get; }

    /// <summary>Whether the rule has an exact path for rare lanes (tested once per group of four vectors).</summary>
    static abstract bool HasRarePath { get; }

    /// <summary>The new state from θ, g and the stored state; g may be adjusted (decay, the NaN term) for the later phases.</summary>
    static abstract void Moments(in TScalars scalars, Vector512<float> p, ref Vector512<float> g, ref State512 state);

    static abstract bool AnyRare(in State512 s0, in State512 s1, in State512 s2, in State512 s3);

    static abstract bool AnyRare(in State512 state);

    /// <summary>The rare lanes' new state, recomputed exactly from the stored state (<paramref name="stored"/>).</summary>
    static abstract void ExactMoments(in TScalars scalars, Vector512<float> g, in State512 stored, ref State512 state);

    /// <summary>The new θ from the old one and the new state.</summary>
    static abstract Vector512<float> Finish(in TScalars scalars, Vector512<float> p, in State512 state);

    static abstract Vector512<float> FinishRare(in TScalars scalars, Vector512<float> p, in State512 state);

    static abstract void Moments(in TScalars scalars, Vector<float> p, ref Vector<float> g, ref StatePreferred state);

    static abstract bool AnyRare(in StatePreferred s0, in StatePreferred s1, in StatePreferred s2, in StatePreferred s3);

    static abstract bool AnyRare(in StatePreferred state);

    static abstract void ExactMoments(in TScalars scalars, Vector<float> g, in StatePreferred stored, ref StatePreferred state);

    static abstract Vector<float> Finish(in TScalars scalars, Vector<float> p, in StatePreferred state);

    static abstract Vector<float> FinishRare(in TScalars scalars, Vector<float> p, in StatePreferred state);
}
