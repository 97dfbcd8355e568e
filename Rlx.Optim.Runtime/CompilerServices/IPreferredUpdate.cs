using System.ComponentModel;
using System.Numerics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A generated rule's arithmetic on <see cref="System.Numerics.Vector{T}"/> of floats (where 512-bit vectors are not accelerated), with its settings folded in as constants, in the
/// phases <see cref="ElementwiseDriver"/> calls. Loads, stores, the loop, the unrolling, the tail and the chunking
/// across cores are the driver's, written once for every rule and storage type.
/// </summary>
/// <remarks>
/// Per vector: <see cref="Moments"/>, then <see cref="Finish"/>, whose result is the new θ; the driver stores the
/// state, then θ. A rule with a rare exact path (<see cref="HasRarePath"/>) is driven in groups of four vectors: the
/// moments of all four, one <see cref="AnyRare(in PreferredState, in PreferredState, in PreferredState, in PreferredState)"/> for the
/// group, and if it holds <see cref="ExactMoments"/> (from the stored state, not yet overwritten) and
/// <see cref="FinishRare"/> for each. A rule without one may do all its work in <see cref="Moments"/>.
/// </remarks>
/// <typeparam name="TScalars">The per-step scalars (bias corrections, step size), prepared once per step.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPreferredUpdate<TScalars>
    where TScalars : unmanaged
{
    /// <summary>State buffers per element (at most <see cref="WideState.Capacity"/>).</summary>
    static abstract int StateCount { get; }

    /// <summary>Whether some lanes are recomputed exactly (tested once per group of four vectors).</summary>
    static virtual bool HasRarePath => false;

    /// <summary>The new state from θ, g and the stored state; θ and g may be adjusted for the later phases.</summary>
    static abstract void Moments(in TScalars scalars, ref Vector<float> p, ref Vector<float> g, ref PreferredState state);

    /// <summary>The new θ from the adjusted θ and the new state (which it may still update).</summary>
    static virtual Vector<float> Finish(in TScalars scalars, Vector<float> p, ref PreferredState state) => p;

    /// <summary>Whether any lane of the four vectors' new state takes the rare path.</summary>
    static virtual bool AnyRare(in PreferredState x0, in PreferredState x1, in PreferredState x2, in PreferredState x3) => false;

    /// <summary>Whether any lane of one vector's new state takes the rare path.</summary>
    static virtual bool AnyRare(in PreferredState state) => false;

    /// <summary>The rare lanes' new state, recomputed exactly from the stored one (<paramref name="stored"/>).</summary>
    static virtual void ExactMoments(in TScalars scalars, Vector<float> g, in PreferredState stored, ref PreferredState state)
    {
    }

    /// <summary><see cref="Finish"/> for a vector on the rare path.</summary>
    static virtual Vector<float> FinishRare(in TScalars scalars, Vector<float> p, ref PreferredState state) => p;
}
