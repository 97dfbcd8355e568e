using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Reproducible random bits for stochastic rounding: a counter-based hash of (seed, set, step, element index).
/// Generated code calls it; user code has no need to.
/// </summary>
/// <remarks>
/// <para>
/// <b>Random bits.</b> <see cref="StepKey"/> turns (seed, set, step) into a 64-bit key once per step, in scalar code,
/// with SplitMix64's 64-bit finalizer; <see cref="RandomBits(ulong, int)"/> turns (key, element index) into 32 bits.
/// Nothing else enters: the same declaration and data give the same bits on any number of cores and at any vector
/// width, a run resumed from a checkpoint at step t continues with step t's bits, and a test can compute each
/// expected value with the scalar functions.
/// </para>
/// <para>
/// The per-element part is two rounds of Chris Wellons' <c>lowbias32</c> (xorshift, multiply, xorshift, multiply,
/// xorshift; from his "Prospecting for Hash Functions", where it measured an avalanche bias of about 0.17, the lowest
/// he found for two 32-bit multiplies), the key's low word XORed into the index before the first round and its high
/// word before the second. 32-bit lanes, because a vector 64-bit multiply needs AVX-512DQ and
/// <see cref="Vector{T}"/> over AVX2 has none. Two keyed rounds, because with one, lowbias32(i ⊕ k) = lowbias32(j ⊕ k′)
/// whenever j = i ⊕ k ⊕ k′: every step's bits would be a relabelling of every other step's. For a given key the map
/// from index to bits is a bijection, so no two elements of a set draw the same 32 bits in one step. Tests check bit
/// balance and the independence of neighbouring indices, steps, sets and seeds.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StochasticRounding
{
    /// <summary>The first multiplier of <c>lowbias32</c>.</summary>
    private const uint Multiplier1 = 0x7FEB352D;

    /// <summary>The second multiplier of <c>lowbias32</c>.</summary>
    private const uint Multiplier2 = 0x846CA68B;

    /// <summary>SplitMix64's increment, 2⁶⁴/φ: the seed is offset by it first, so seed 0 does not start from the finalizer's fixed point 0.</summary>
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    /// <summary>
    /// The key of one step of one parameter set: every element of the set draws its bits from it in that step.
    /// Computed once per (seed, set, step), in scalar code.
    /// </summary>
    /// <param name="seed">The optimizer's seed.</param>
    /// <param name="set">The stream: the parameter set's number (a kernel that rounds several buffers of a set needs one stream per buffer, or uses different bits of the word for each).</param>
    /// <param name="step">The step (iteration) number.</param>
    public static ulong StepKey(ulong seed, int set, long step)
    {
        // Each stage is a bijection of the running value XORed with one input: for a given seed and set, distinct
        // steps always give distinct keys.
        ulong key = Mix64(seed + GoldenGamma);
        key = Mix64(key ^ (uint)set);
        return Mix64(key ^ (ulong)step);
    }

    /// <summary>The 32 random bits of element <paramref name="index"/> under <paramref name="key"/> (<see cref="StepKey"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint RandomBits(ulong key, int index)
    {
        uint x = LowBias32((uint)index ^ (uint)key);
        return LowBias32(x ^ (uint)(key >> 32));
    }

    /// <summary>The random bits of each lane's element index (<see cref="RandomBits(ulong, int)"/> lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> RandomBits(ulong key, Vector512<int> indices)
    {
        Vector512<uint> x = LowBias32(indices.AsUInt32() ^ Vector512.Create((uint)key));
        return LowBias32(x ^ Vector512.Create((uint)(key >> 32)));
    }

    /// <inheritdoc cref="RandomBits(ulong, Vector512{int})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> RandomBits(ulong key, Vector<int> indices)
    {
        Vector<uint> x = LowBias32(Vector.AsVectorUInt32(indices) ^ new Vector<uint>((uint)key));
        return LowBias32(x ^ new Vector<uint>((uint)(key >> 32)));
    }

    /// <summary>SplitMix64's finalizer (Stafford's variant 13): a bijection of 64 bits with full avalanche.</summary>
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>Wellons' <c>lowbias32</c>: xorshift 16, multiply, xorshift 15, multiply, xorshift 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint LowBias32(uint x)
    {
        x ^= x >> 16;
        x *= Multiplier1;
        x ^= x >> 15;
        x *= Multiplier2;
        return x ^ (x >> 16);
    }

    /// <inheritdoc cref="LowBias32(uint)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> LowBias32(Vector512<uint> x)
    {
        x ^= x >>> 16;
        x *= Vector512.Create(Multiplier1);
        x ^= x >>> 15;
        x *= Vector512.Create(Multiplier2);
        return x ^ (x >>> 16);
    }

    /// <inheritdoc cref="LowBias32(uint)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> LowBias32(Vector<uint> x)
    {
        x ^= Vector.ShiftRightLogical(x, 16);
        x *= new Vector<uint>(Multiplier1);
        x ^= Vector.ShiftRightLogical(x, 15);
        x *= new Vector<uint>(Multiplier2);
        return x ^ Vector.ShiftRightLogical(x, 16);
    }
}
