using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A generated rule's arithmetic on 512-bit vectors of floats, with its settings folded in as constants, in the
/// phases <see cref="ElementwiseDriver"/> calls. Loads, stores, the loop, the unrolling, the tail and the chunking
/// across cores are the driver's, written once for every rule and storage type.
/// </summary>
/// <remarks>
/// Per vector: <see cref="Moments"/>, then <see cref="Finish"/>, whose result is the new θ; the driver stores the
/// state, then θ. A rule with a rare exact path (<see cref="HasRarePath"/>) is driven in groups of four vectors: the
/// moments of all four, one <see cref="AnyRare(in WideState, in WideState, in WideState, in WideState)"/> for the
/// group, and if it holds <see cref="ExactMoments"/> (from the stored state, not yet overwritten) and
/// <see cref="FinishRare"/> for each. A rule without one may do all its work in <see cref="Moments"/>.
/// </remarks>
/// <typeparam name="TScalars">The per-step scalars (bias corrections, step size), prepared once per step.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWideUpdate<TScalars>
    where TScalars : unmanaged
{
    /// <summary>State buffers per element (at most <see cref="WideState.Capacity"/>).</summary>
    static abstract int StateCount { get; }

    /// <summary>Whether some lanes are recomputed exactly (tested once per group of four vectors).</summary>
    static virtual bool HasRarePath => false;

    /// <summary>The new state from θ, g and the stored state; θ and g may be adjusted for the later phases.</summary>
    static abstract void Moments(in TScalars scalars, ref Vector512<float> p, ref Vector512<float> g, ref WideState state);

    /// <summary>The new θ from the adjusted θ and the new state (which it may still update).</summary>
    static virtual Vector512<float> Finish(in TScalars scalars, Vector512<float> p, ref WideState state) => p;

    /// <summary>Whether any lane of the four vectors' new state takes the rare path.</summary>
    static virtual bool AnyRare(in WideState x0, in WideState x1, in WideState x2, in WideState x3) => false;

    /// <summary>Whether any lane of one vector's new state takes the rare path.</summary>
    static virtual bool AnyRare(in WideState state) => false;

    /// <summary>The rare lanes' new state, recomputed exactly from the stored one (<paramref name="stored"/>).</summary>
    static virtual void ExactMoments(in TScalars scalars, Vector512<float> g, in WideState stored, ref WideState state)
    {
    }

    /// <summary><see cref="Finish"/> for a vector on the rare path.</summary>
    static virtual Vector512<float> FinishRare(in TScalars scalars, Vector512<float> p, ref WideState state) => p;
}
