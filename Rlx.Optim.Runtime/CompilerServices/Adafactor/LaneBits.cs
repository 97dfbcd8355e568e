using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Each lane's random bits under one stream's key, <see cref="StochasticRounding.RandomBits(ulong, int)"/> lane by
/// lane, from index counters a loop carries (<see cref="CounterAt"/>, plus <see cref="Advance"/> per vector): one
/// counter serves every key of the loop.
/// </summary>
internal readonly struct LaneBits
{
    private readonly Vector<uint> _low;
    private readonly Vector<uint> _high;

    /// <summary>The key's words, broadcast once.</summary>
    public LaneBits(ulong key)
    {
        _low = new Vector<uint>((uint)key);
        _high = new Vector<uint>((uint)(key >> 32));
    }

    /// <summary>What a vector's counters grow by to the next vector.</summary>
    public static Vector<uint> Advance
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
    }

    /// <summary>The counters of the vector whose first lane is element <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> CounterAt(int index) => StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(index));

    /// <summary>The bits of the lanes whose counters are <paramref name="counter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<uint> Of(Vector<uint> counter) => StochasticRounding.RandomBits(counter, _low, _high);
}
