using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// How one stream's elements of type <typeparamref name="T"/> become float lanes and back: the loads and stores of a
/// storage type, written once for every rule. A rule only ever sees float vectors.
/// </summary>
/// <remarks>
/// A store takes each lane's random bits, drawn by <see cref="ElementwiseDriver"/> from the stream's key for this
/// step and the element's index (<see cref="StochasticRounding"/>), so a storage that rounds stochastically draws
/// the same bits for an element whatever the chunk, the width or the tail it is stored from. A storage that does
/// not round ignores them, and the JIT drops their hash.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IStorage<T>
    where T : unmanaged
{
    /// <summary>Whether a store uses its random bits (the driver skips the hash otherwise).</summary>
    static abstract bool RoundsStochastically { get; }

    /// <summary>
    /// Whether a store rounds with the high 16 bits of its word alone. Two state buffers then share one word per
    /// element (buffer 2k its high half, buffer 2k + 1 the low half shifted up), one hash for both.
    /// </summary>
    static abstract bool RoundsWithHighHalf { get; }

    /// <summary>The vector at element <paramref name="i"/>, as floats.</summary>
    static abstract Vector512<float> Load(ref T origin, nuint i);

    /// <summary>
    /// Stores with <paramref name="randomBits"/> drawn by the driver (<see cref="BFloat16Storage"/> rounds with their
    /// high 16, <see cref="HalfStorage"/> with the whole word).
    /// </summary>
    static abstract void Store(Vector512<float> x, ref T origin, nuint i, Vector512<uint> randomBits);

    /// <summary>
    /// Two consecutive vectors, elements <c>[i, i + 16)</c> in <paramref name="lower"/> and <c>[i + 16, i + 32)</c>
    /// in <paramref name="upper"/>, in the order <see cref="Load"/> gives.
    /// </summary>
    static abstract void LoadPair(ref T origin, nuint i, out Vector512<float> lower, out Vector512<float> upper);

    /// <summary>Stores two consecutive vectors, each with its own random bits (as two <see cref="Store"/> would).</summary>
    static abstract void StorePair(
        Vector512<float> lower, Vector512<float> upper, ref T origin, nuint i, Vector512<uint> lowerBits,
        Vector512<uint> upperBits);

    /// <summary><see cref="Load"/> at the preferred width.</summary>
    static abstract Vector<float> LoadPreferred(ref T origin, nuint i);

    /// <summary><see cref="Store"/> at the preferred width.</summary>
    static abstract void StorePreferred(Vector<float> x, ref T origin, nuint i, Vector<uint> randomBits);
}
