using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// A generated trust-ratio rule (LAMB) on 512-bit vectors: besides the update the driver runs
/// (<see cref="IWideUpdate{TScalars}.Moments"/>: the new state, and θ − step·u), the direction u alone, for the set's
/// measure pass (<see cref="TrustRatioSet{TWide, TPreferred, TScalars, TParameter, TGradient}"/>), and the update's
/// scalars with the set's trust ratio folded in. Both phases compute u with the same arithmetic, so the norm the
/// ratio comes from is the norm of the u the update applies.
/// </summary>
/// <typeparam name="TScalars">The per-step scalars (bias corrections, step size).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWideTrustRatioUpdate<TScalars> : IWideUpdate<TScalars>
    where TScalars : unmanaged
{
    /// <summary>
    /// u of one vector from θ, g (already scaled) and the stored state, which it leaves as it is: in double lanes,
    /// the lower and upper halves (a float u widened exactly).
    /// </summary>
    static abstract void Direction(
        in TScalars scalars, Vector512<float> p, Vector512<float> g, in WideState state, out Vector512<double> lower,
        out Vector512<double> upper);

    /// <summary>The update's scalars, with its step size lr·<paramref name="trustRatio"/>.</summary>
    static abstract TScalars WithTrustRatio(in TScalars scalars, double trustRatio);
}

/// <inheritdoc cref="IWideTrustRatioUpdate{TScalars}"/>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPreferredTrustRatioUpdate<TScalars> : IPreferredUpdate<TScalars>
    where TScalars : unmanaged
{
    /// <inheritdoc cref="IWideTrustRatioUpdate{TScalars}.Direction"/>
    static abstract void Direction(
        in TScalars scalars, Vector<float> p, Vector<float> g, in PreferredState state, out Vector<double> lower,
        out Vector<double> upper);

    /// <inheritdoc cref="IWideTrustRatioUpdate{TScalars}.WithTrustRatio"/>
    static abstract TScalars WithTrustRatio(in TScalars scalars, double trustRatio);
}
