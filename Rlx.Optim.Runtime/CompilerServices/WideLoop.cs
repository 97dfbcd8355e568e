using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>The driver's loop over <see cref="Vector512{T}"/>: where 512-bit vectors are accelerated.</summary>
internal static class WideLoop<TRule, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>
    where TRule : struct, IWideUpdate<TScalars>
    where TScalars : unmanaged
    where TData : unmanaged
    where TDataStorage : struct, IStorage<TData>
    where TGradient : unmanaged
    where TGradientStorage : struct, IStorage<TGradient>
    where TState : unmanaged
    where TStateStorage : struct, IStorage<TState>
{
    private const int Lanes = 16; // Vector512<float>.Count


    /// <summary>
    /// Elements <c>[start, end)</c>, whole vectors: the hot loop (<c>Groups</c>, never inlined: a whole set's work,
    /// with an inlining budget of its own), the rare groups it stops at, and the last few vectors. Inlined into the
    /// driver's entry, so a step makes one call into the hot loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(
        in TScalars scalars, ref TData parameter, ref TGradient gradient, ref TState state0, ref TState state1,
        ref TState state2, ref TState state3, in RoundingKeys keys, float gradientScale, nuint start, nuint end, int indexOffset)
    {
        nuint i = start;
        while (end - i >= 4 * Lanes)
        {
            i = gradientScale != 1f
                ? Groups<Scaled>(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, i, end, indexOffset)
                : Groups<Unscaled>(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, i, end, indexOffset);
            if (end - i >= 4 * Lanes)
            {
                // Groups stopped at a group with a rare lane, before storing anything of it.
                RareGroup(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, i, indexOffset);
                i += 4 * Lanes;
            }
        }

        for (; i < end; i += Lanes)
        {
            // At most three vectors: a call each keeps the loop's inlining budget for the groups.
            One(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                indexOffset);
        }
    }

    /// <summary>
    /// The hot loop: groups of four vectors from <paramref name="i"/> while whole groups remain, returning where it
    /// stopped, which is before a group with a rare lane if it met one. No call inside, so nothing it keeps in
    /// registers (the scalars, the streams) is saved and reloaded around one on every iteration.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nuint Groups<TScaling>(
        in TScalars scalars, in RoundingKeys keys, float gradientScale, ref TData parameter, ref TGradient gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, nuint end, int indexOffset)
        where TScaling : struct, IGradientScaling
    {
        // Copies in locals: the rule's reads of them are then loop invariants kept in registers. The rounding keys
        // are broadcast here, once per call, and the index counters carried from vector to vector.
        TScalars s = scalars;
        var k = new WideKeys(in keys);
        const nuint width = Lanes;

        // Whether any stream rounds stochastically, so that the loop needs each element's index counter. (A local:
        // the JIT did not inline a static property of this generic class that said it.) Without one the counters
        // are constant zeros and nothing is carried from one iteration to the next.
        bool rounds = TDataStorage.RoundsStochastically || TStateStorage.RoundsStochastically;
        Vector512<uint> counter = rounds ? CounterAt(indexOffset + (int)i) : default;
        Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(Vector512<int>.Count));

        // Clipping's factor, applied to g as it is read: a loop of its own (TScaling), so the loop of a factor of 1
        // holds no factor and tests nothing per vector.
        bool scales = TScaling.Scales;
        Vector512<float> scale = Vector512.Create(gradientScale);
        for (; end - i >= 4 * width; i += 4 * width)
        {
            Vector512<uint> c1 = rounds ? counter + advance : default;
            Vector512<uint> c2 = rounds ? c1 + advance : default;
            Vector512<uint> c3 = rounds ? c2 + advance : default;

            // Vectors in pairs (a 16-bit storage loads 32 elements at once and stores them with one permute), each
            // vector's moments as soon as its pair is loaded: few vectors live.
            LoadPair(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                out Vector512<float> p0, out Vector512<float> g0, out WideState x0,
                out Vector512<float> p1, out Vector512<float> g1, out WideState x1);
            if (scales)
            {
                g0 *= scale;
                g1 *= scale;
            }

            TRule.Moments(in s, ref p0, ref g0, ref x0);
            TRule.Moments(in s, ref p1, ref g1, ref x1);
            if (!TRule.HasRarePath)
            {
                FinishPair(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, c1,
                    p0, ref x0, p1, ref x1);
            }

            LoadPair(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
                out Vector512<float> p2, out Vector512<float> g2, out WideState x2,
                out Vector512<float> p3, out Vector512<float> g3, out WideState x3);
            if (scales)
            {
                g2 *= scale;
                g3 *= scale;
            }

            TRule.Moments(in s, ref p2, ref g2, ref x2);
            TRule.Moments(in s, ref p3, ref g3, ref x3);
            if (!TRule.HasRarePath)
            {
                FinishPair(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
                    c2, c3, p2, ref x2, p3, ref x3);
            }
            else if (TRule.AnyRare(in x0, in x1, in x2, in x3))
            {
                return i;
            }
            else
            {
                FinishPair(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, c1,
                    p0, ref x0, p1, ref x1);
                FinishPair(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
                    c2, c3, p2, ref x2, p3, ref x3);
            }

            counter = rounds ? c3 + advance : default;
        }

        return i;
    }

    /// <summary>g times clipping's factor, unless the factor is 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Scaled(Vector512<float> g, float gradientScale) =>
        gradientScale != 1f ? g * Vector512.Create(gradientScale) : g;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> CounterAt(int index) =>
        StochasticRounding.IndexCounter(Vector512<int>.Indices + Vector512.Create(index));

    /// <summary>
    /// A group of four vectors with a rare lane, from <paramref name="i"/>: its moments computed again from the
    /// streams (nothing of the group is stored yet), each vector's state recomputed exactly, then stored, then θ.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RareGroup(
        in TScalars scalars, in RoundingKeys keys, float gradientScale, ref TData parameter, ref TGradient gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, int indexOffset)
    {
        TScalars s = scalars;
        var k = new WideKeys(in keys);
        Vector512<uint> counter = CounterAt(indexOffset + (int)i);
        Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(Vector512<int>.Count));
        for (nuint v = 0; v < 4; v++, counter += advance)
        {
            nuint at = i + v * Lanes;
            Vector512<float> p = TDataStorage.Load(ref parameter, at);
            Vector512<float> g = Scaled(TGradientStorage.Load(ref gradient, at), gradientScale);
            LoadState(ref state0, ref state1, ref state2, ref state3, at, out WideState x);
            TRule.Moments(in s, ref p, ref g, ref x);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, at, counter, p, g,
                ref x);
        }
    }

    /// <summary>One vector (the last whole ones after the groups of four).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void One(
        in TScalars scalars, in RoundingKeys keys, float gradientScale, ref TData parameter, ref TGradient gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, int indexOffset)
    {
        Vector512<uint> counter = CounterAt(indexOffset + (int)i);
        TScalars s = scalars;
        var k = new WideKeys(in keys);
        Vector512<float> p = TDataStorage.Load(ref parameter, i);
        Vector512<float> g = Scaled(TGradientStorage.Load(ref gradient, i), gradientScale);
        LoadState(ref state0, ref state1, ref state2, ref state3, i, out WideState x);
        TRule.Moments(in s, ref p, ref g, ref x);
        if (TRule.HasRarePath && TRule.AnyRare(in x))
        {
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, g, ref x);
            return;
        }

        Vector512<float> q = TRule.Finish(in s, p, ref x);
        StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
        TDataStorage.Store(q, ref parameter, i, ParameterBits(in k, counter));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadState(
        ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i, out WideState x)
    {
        x = default;
        if (TRule.StateCount > 0) x.S0 = TStateStorage.Load(ref state0, i);
        if (TRule.StateCount > 1) x.S1 = TStateStorage.Load(ref state1, i);
        if (TRule.StateCount > 2) x.S2 = TStateStorage.Load(ref state2, i);
        if (TRule.StateCount > 3) x.S3 = TStateStorage.Load(ref state3, i);
    }

    /// <summary>The vectors at <paramref name="i"/> and <paramref name="i"/> + 16 of every stream, a pair per load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadPair(
        ref TData parameter, ref TGradient gradient, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, nuint i, out Vector512<float> p0, out Vector512<float> g0, out WideState x0,
        out Vector512<float> p1, out Vector512<float> g1, out WideState x1)
    {
        TDataStorage.LoadPair(ref parameter, i, out p0, out p1);
        TGradientStorage.LoadPair(ref gradient, i, out g0, out g1);
        x0 = default;
        x1 = default;
        Vector512<float> a, b;
        if (TRule.StateCount > 0) { TStateStorage.LoadPair(ref state0, i, out a, out b); x0.S0 = a; x1.S0 = b; }
        if (TRule.StateCount > 1) { TStateStorage.LoadPair(ref state1, i, out a, out b); x0.S1 = a; x1.S1 = b; }
        if (TRule.StateCount > 2) { TStateStorage.LoadPair(ref state2, i, out a, out b); x0.S2 = a; x1.S2 = b; }
        if (TRule.StateCount > 3) { TStateStorage.LoadPair(ref state3, i, out a, out b); x0.S3 = a; x1.S3 = b; }
    }

    /// <summary>
    /// θ from <c>Finish</c> for the vectors at <paramref name="i"/> and <paramref name="i"/> + 16, then their new
    /// state and θ stored, each stream a pair per store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishPair(
        in TScalars s, in WideKeys k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, nuint i, Vector512<uint> counter0, Vector512<uint> counter1,
        Vector512<float> p0, ref WideState x0, Vector512<float> p1, ref WideState x1)
    {
        Vector512<float> q0 = TRule.Finish(in s, p0, ref x0);
        Vector512<float> q1 = TRule.Finish(in s, p1, ref x1);
        StoreStatePair(in k, ref state0, ref state1, ref state2, ref state3, i, counter0, counter1, in x0, in x1);
        TDataStorage.StorePair(q0, q1, ref parameter, i, ParameterBits(in k, counter0), ParameterBits(in k, counter1));
    }

    /// <summary>
    /// The rare path of one vector: its state recomputed exactly from the stored state (still the old one: each
    /// vector's elements are stored only after this), then θ from <c>FinishRare</c>, then the stores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRare(
        in TScalars s, in WideKeys k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, nuint i, Vector512<uint> counter, Vector512<float> p, Vector512<float> g, ref WideState x)
    {
        LoadState(ref state0, ref state1, ref state2, ref state3, i, out WideState stored);
        TRule.ExactMoments(in s, g, in stored, ref x);
        Vector512<float> q = TRule.FinishRare(in s, p, ref x);
        StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
        TDataStorage.Store(q, ref parameter, i, ParameterBits(in k, counter));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreState(
        in WideKeys k, ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i,
        Vector512<uint> counter, in WideState x)
    {
        Vector512<uint> word0 = StateBits(counter, k.State0Low, k.State0High);
        Vector512<uint> word2 = StateBits(counter, k.State2Low, k.State2High);
        if (TRule.StateCount > 0) TStateStorage.Store(x.S0, ref state0, i, word0);
        if (TRule.StateCount > 1) TStateStorage.Store(x.S1, ref state1, i, OddBits(word0, counter, k.State1Low, k.State1High));
        if (TRule.StateCount > 2) TStateStorage.Store(x.S2, ref state2, i, word2);
        if (TRule.StateCount > 3) TStateStorage.Store(x.S3, ref state3, i, OddBits(word2, counter, k.State3Low, k.State3High));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreStatePair(
        in WideKeys k, ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i,
        Vector512<uint> c0, Vector512<uint> c1, in WideState x0, in WideState x1)
    {
        // Each word once: a 16-bit storage's odd buffer takes the even buffer's word (OddBits).
        Vector512<uint> lower0 = StateBits(c0, k.State0Low, k.State0High), upper0 = StateBits(c1, k.State0Low, k.State0High);
        Vector512<uint> lower2 = StateBits(c0, k.State2Low, k.State2High), upper2 = StateBits(c1, k.State2Low, k.State2High);
        if (TRule.StateCount > 0)
        {
            TStateStorage.StorePair(x0.S0, x1.S0, ref state0, i, lower0, upper0);
        }

        if (TRule.StateCount > 1)
        {
            TStateStorage.StorePair(x0.S1, x1.S1, ref state1, i,
                OddBits(lower0, c0, k.State1Low, k.State1High), OddBits(upper0, c1, k.State1Low, k.State1High));
        }

        if (TRule.StateCount > 2)
        {
            TStateStorage.StorePair(x0.S2, x1.S2, ref state2, i, lower2, upper2);
        }

        if (TRule.StateCount > 3)
        {
            TStateStorage.StorePair(x0.S3, x1.S3, ref state3, i,
                OddBits(lower2, c0, k.State3Low, k.State3High), OddBits(upper2, c1, k.State3Low, k.State3High));
        }
    }

    /// <summary>A state buffer's random bits, drawn only when its storage rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> StateBits(Vector512<uint> counter, Vector512<uint> keyLow, Vector512<uint> keyHigh) =>
        TStateStorage.RoundsStochastically ? StochasticRounding.RandomBits(counter, keyLow, keyHigh) : default;

    /// <summary>
    /// The bits of an odd state buffer: the low half of the even buffer's word shifted up when the storage rounds with
    /// a word's high half alone (one hash for two buffers), else a word of its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> OddBits(Vector512<uint> shared, Vector512<uint> counter, Vector512<uint> keyLow, Vector512<uint> keyHigh) =>
        TStateStorage.RoundsWithHighHalf ? shared << 16 : StateBits(counter, keyLow, keyHigh);

    /// <summary>θ's random bits, drawn only when its storage rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> ParameterBits(in WideKeys k, Vector512<uint> counter) =>
        TDataStorage.RoundsStochastically
            ? StochasticRounding.RandomBits(counter, k.ParameterLow, k.ParameterHigh)
            : default;
}

/// <summary>
/// One step's rounding keys as the 512-bit loop uses them: each key's low and high words broadcast, once per call
/// (the JIT re-broadcast a key held as a ulong for every vector). Unused ones are dead code.
/// </summary>
internal readonly struct WideKeys
{
    public readonly Vector512<uint> ParameterLow, ParameterHigh, State0Low, State0High, State1Low, State1High;
    public readonly Vector512<uint> State2Low, State2High, State3Low, State3High;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WideKeys(in RoundingKeys keys)
    {
        (ParameterLow, ParameterHigh) = Split(keys.Parameter);
        (State0Low, State0High) = Split(keys.State0);
        (State1Low, State1High) = Split(keys.State1);
        (State2Low, State2High) = Split(keys.State2);
        (State3Low, State3High) = Split(keys.State3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint>, Vector512<uint>) Split(ulong key) =>
        (Vector512.Create((uint)key), Vector512.Create((uint)(key >> 32)));
}
