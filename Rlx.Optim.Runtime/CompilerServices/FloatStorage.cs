using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>Floats, loaded and stored as they are.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FloatStorage : IStorage<float>
{
    /// <inheritdoc/>
    public static bool RoundsStochastically => false;

    /// <inheritdoc/>
    public static bool RoundsWithHighHalf => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float origin, nuint i) => Vector512.LoadUnsafe(ref origin, i);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> x, ref float origin, nuint i, Vector512<uint> randomBits) =>
        Vector512.StoreUnsafe(x, ref origin, i);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadPair(ref float origin, nuint i, out Vector512<float> lower, out Vector512<float> upper)
    {
        lower = Vector512.LoadUnsafe(ref origin, i);
        upper = Vector512.LoadUnsafe(ref origin, i + (nuint)Vector512<float>.Count);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePair(
        Vector512<float> lower, Vector512<float> upper, ref float origin, nuint i, Vector512<uint> lowerBits,
        Vector512<uint> upperBits)
    {
        Vector512.StoreUnsafe(lower, ref origin, i);
        Vector512.StoreUnsafe(upper, ref origin, i + (nuint)Vector512<float>.Count);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LoadPreferred(ref float origin, nuint i) => Vector.LoadUnsafe(ref origin, i);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<float> x, ref float origin, nuint i, Vector<uint> randomBits) =>
        Vector.StoreUnsafe(x, ref origin, i);
}
