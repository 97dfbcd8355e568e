using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>The driver's loop over <see cref="Vector{T}"/>: where 512-bit vectors are not accelerated.</summary>
internal static class PreferredLoop<TRule, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>
    where TRule : struct, IPreferredUpdate<TScalars>
    where TScalars : unmanaged
    where TData : unmanaged
    where TDataStorage : struct, IStorage<TData>
    where TGradient : unmanaged
    where TGradientStorage : struct, IStorage<TGradient>
    where TState : unmanaged
    where TStateStorage : struct, IStorage<TState>
{

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
        nuint width = (nuint)Vector<float>.Count;
        nuint i = start;
        bool scales = gradientScale != 1f;
        if (!TRule.HasRarePath)
        {
            if (scales)
            {
                Plain<Scaled>(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, start, end, indexOffset);
            }
            else
            {
                Plain<Unscaled>(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, start, end, indexOffset);
            }

            return;
        }

        while (end - i >= 4 * width)
        {
            i = scales
                ? Groups<Scaled>(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, i, end, indexOffset)
                : Groups<Unscaled>(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, i, end, indexOffset);
            if (end - i >= 4 * width)
            {
                // Groups stopped at a group with a rare lane, before storing anything of it.
                RareGroup(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2,
                    ref state3, i, indexOffset);
                i += 4 * width;
            }
        }

        for (; i < end; i += width)
        {
            One(in scalars, in keys, gradientScale, ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                indexOffset);
        }
    }

    /// <summary>
    /// The hot loop of a rule without a rare path: each vector updated and stored in turn (at 256 bits there are 16
    /// registers). Never inlined, as <c>Groups</c>: a whole set's work, with an inlining budget of its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Plain<TScaling>(
        in TScalars scalars, in RoundingKeys keys, float gradientScale, ref TData parameter, ref TGradient gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, nuint end, int indexOffset)
        where TScaling : struct, IGradientScaling
    {
        TScalars s = scalars;
        var k = new PreferredKeys(in keys);
        bool scales = TScaling.Scales;
        var scale = new Vector<float>(gradientScale);
        nuint width = (nuint)Vector<float>.Count;

        // Whether any stream rounds stochastically, so that the loop needs each element's index counter (a local:
        // the JIT did not inline a static property of this generic class that said it).
        bool rounds = TDataStorage.RoundsStochastically || TStateStorage.RoundsStochastically;
        Vector<uint> counter = rounds ? CounterAt(indexOffset + (int)i) : default;
        Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
        for (; i < end; i += width)
        {
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, scales, scale,
                out Vector<float> p, out Vector<float> g, out PreferredState x);
            TRule.Moments(in s, ref p, ref g, ref x);
            Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, ref x);
            counter = rounds ? counter + advance : default;
        }
    }

    /// <summary>
    /// The hot loop of a rule with a rare path: groups of four vectors from <paramref name="i"/> while whole groups
    /// remain, returning where it stopped, which is before a group with a rare lane if it met one. No call inside,
    /// so nothing it keeps in registers is saved and reloaded around one on every iteration.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nuint Groups<TScaling>(
        in TScalars scalars, in RoundingKeys keys, float gradientScale, ref TData parameter, ref TGradient gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, nuint end, int indexOffset)
        where TScaling : struct, IGradientScaling
    {
        TScalars s = scalars;
        var k = new PreferredKeys(in keys);
        bool scales = TScaling.Scales;
        var scale = new Vector<float>(gradientScale);
        nuint width = (nuint)Vector<float>.Count;
        bool rounds = TDataStorage.RoundsStochastically || TStateStorage.RoundsStochastically;
        Vector<uint> counter = rounds ? CounterAt(indexOffset + (int)i) : default;
        Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
        for (; end - i >= 4 * width; i += 4 * width)
        {
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, scales, scale,
                out Vector<float> p0, out Vector<float> g0, out PreferredState x0);
            TRule.Moments(in s, ref p0, ref g0, ref x0);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + width, scales, scale,
                out Vector<float> p1, out Vector<float> g1, out PreferredState x1);
            TRule.Moments(in s, ref p1, ref g1, ref x1);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 2 * width, scales, scale,
                out Vector<float> p2, out Vector<float> g2, out PreferredState x2);
            TRule.Moments(in s, ref p2, ref g2, ref x2);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 3 * width, scales, scale,
                out Vector<float> p3, out Vector<float> g3, out PreferredState x3);
            TRule.Moments(in s, ref p3, ref g3, ref x3);
            if (TRule.AnyRare(in x0, in x1, in x2, in x3))
            {
                return i;
            }

            // Each vector stored as soon as it is finished: its state, then θ. Without a rounding storage the
            // counters are constant zeros, not carried from iteration to iteration.
            Vector<uint> c1 = rounds ? counter + advance : default;
            Vector<uint> c2 = rounds ? c1 + advance : default;
            Vector<uint> c3 = rounds ? c2 + advance : default;
            Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p0, ref x0);
            Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + width, c1, p1, ref x1);
            Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width, c2, p2,
                ref x2);
            Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 3 * width, c3, p3,
                ref x3);
            counter = rounds ? c3 + advance : default;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> CounterAt(int index) =>
        StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(index));

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
        var k = new PreferredKeys(in keys);
        bool scales = gradientScale != 1f;
        var scale = new Vector<float>(gradientScale);
        nuint width = (nuint)Vector<float>.Count;
        Vector<uint> counter = CounterAt(indexOffset + (int)i);
        Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
        for (nuint v = 0; v < 4; v++, counter += advance)
        {
            nuint at = i + v * width;
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, at, scales, scale,
                out Vector<float> p, out Vector<float> g, out PreferredState x);
            TRule.Moments(in s, ref p, ref g, ref x);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, at, counter, p, g,
                ref x);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void One(
        in TScalars scalars, in RoundingKeys keys, float gradientScale, ref TData parameter, ref TGradient gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, int indexOffset)
    {
        Vector<uint> counter = CounterAt(indexOffset + (int)i);
        TScalars s = scalars;
        var k = new PreferredKeys(in keys);
        bool scales = gradientScale != 1f;
        var scale = new Vector<float>(gradientScale);
        Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, scales, scale,
            out Vector<float> p, out Vector<float> g, out PreferredState x);
        TRule.Moments(in s, ref p, ref g, ref x);
        if (TRule.AnyRare(in x))
        {
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, g, ref x);
            return;
        }

        Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(
        ref TData parameter, ref TGradient gradient, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, nuint i, bool scales, Vector<float> scale, out Vector<float> p, out Vector<float> g,
        out PreferredState x)
    {
        p = TDataStorage.LoadPreferred(ref parameter, i);
        g = TGradientStorage.LoadPreferred(ref gradient, i);
        if (scales)
        {
            // Clipping's factor, applied to g as it is read (a factor of 1 leaves g as it is, and is skipped).
            g *= scale;
        }

        LoadState(ref state0, ref state1, ref state2, ref state3, i, out x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadState(
        ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i, out PreferredState x)
    {
        x = default;
        if (TRule.StateCount > 0) x.S0 = TStateStorage.LoadPreferred(ref state0, i);
        if (TRule.StateCount > 1) x.S1 = TStateStorage.LoadPreferred(ref state1, i);
        if (TRule.StateCount > 2) x.S2 = TStateStorage.LoadPreferred(ref state2, i);
        if (TRule.StateCount > 3) x.S3 = TStateStorage.LoadPreferred(ref state3, i);
    }

    /// <summary>θ from <c>Finish</c>, then the new state and θ stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(
        in TScalars s, in PreferredKeys k, ref TData parameter, ref TState state0, ref TState state1,
        ref TState state2, ref TState state3, nuint i, Vector<uint> counter, Vector<float> p, ref PreferredState x)
    {
        Vector<float> q = TRule.Finish(in s, p, ref x);
        StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
        TDataStorage.StorePreferred(q, ref parameter, i, ParameterBits(in k, counter));
    }

    /// <summary>The rare path of one vector: its state recomputed exactly from the stored state, then the stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRare(
        in TScalars s, in PreferredKeys k, ref TData parameter, ref TState state0, ref TState state1,
        ref TState state2, ref TState state3, nuint i, Vector<uint> counter, Vector<float> p, Vector<float> g,
        ref PreferredState x)
    {
        LoadState(ref state0, ref state1, ref state2, ref state3, i, out PreferredState stored);
        TRule.ExactMoments(in s, g, in stored, ref x);
        Vector<float> q = TRule.FinishRare(in s, p, ref x);
        StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
        TDataStorage.StorePreferred(q, ref parameter, i, ParameterBits(in k, counter));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreState(
        in PreferredKeys k, ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i,
        Vector<uint> counter, in PreferredState x)
    {
        Vector<uint> word0 = StateBits(counter, k.State0Low, k.State0High);
        Vector<uint> word2 = StateBits(counter, k.State2Low, k.State2High);
        if (TRule.StateCount > 0) TStateStorage.StorePreferred(x.S0, ref state0, i, word0);
        if (TRule.StateCount > 1) TStateStorage.StorePreferred(x.S1, ref state1, i, OddBits(word0, counter, k.State1Low, k.State1High));
        if (TRule.StateCount > 2) TStateStorage.StorePreferred(x.S2, ref state2, i, word2);
        if (TRule.StateCount > 3) TStateStorage.StorePreferred(x.S3, ref state3, i, OddBits(word2, counter, k.State3Low, k.State3High));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> StateBits(Vector<uint> counter, Vector<uint> keyLow, Vector<uint> keyHigh) =>
        TStateStorage.RoundsStochastically ? StochasticRounding.RandomBits(counter, keyLow, keyHigh) : default;

    /// <summary>
    /// The bits of an odd state buffer: the low half of the even buffer's word shifted up when the storage rounds with
    /// a word's high half alone (one hash for two buffers), else a word of its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> OddBits(Vector<uint> shared, Vector<uint> counter, Vector<uint> keyLow, Vector<uint> keyHigh) =>
        TStateStorage.RoundsWithHighHalf ? Vector.ShiftLeft(shared, 16) : StateBits(counter, keyLow, keyHigh);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> ParameterBits(in PreferredKeys k, Vector<uint> counter) =>
        TDataStorage.RoundsStochastically
            ? StochasticRounding.RandomBits(counter, k.ParameterLow, k.ParameterHigh)
            : default;
}

/// <summary>One step's rounding keys as the <see cref="Vector{T}"/> loop uses them, broadcast once per call.</summary>
internal readonly struct PreferredKeys
{
    public readonly Vector<uint> ParameterLow, ParameterHigh, State0Low, State0High, State1Low, State1High;
    public readonly Vector<uint> State2Low, State2High, State3Low, State3High;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PreferredKeys(in RoundingKeys keys)
    {
        (ParameterLow, ParameterHigh) = Split(keys.Parameter);
        (State0Low, State0High) = Split(keys.State0);
        (State1Low, State1High) = Split(keys.State1);
        (State2Low, State2High) = Split(keys.State2);
        (State3Low, State3High) = Split(keys.State3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<uint>, Vector<uint>) Split(ulong key) =>
        (new Vector<uint>((uint)key), new Vector<uint>((uint)(key >> 32)));
}
