using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>The driver's loop over <see cref="Vector{T}"/>: where 512-bit vectors are not accelerated.</summary>
internal static class PreferredLoop<TRule, TScalars, TData, TDataStorage, TState, TStateStorage>
    where TRule : struct, IPreferredUpdate<TScalars>
    where TScalars : unmanaged
    where TData : unmanaged
    where TDataStorage : struct, IStorage<TData>
    where TState : unmanaged
    where TStateStorage : struct, IStorage<TState>
{
    // Never inlined: the loop is a whole set's work, and inlined into a caller it would share its inlining budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Update(
        in TScalars scalars, ref TData parameter, ref TData gradient, ref TState state0, ref TState state1,
        ref TState state2, ref TState state3, in RoundingKeys keys, nuint start, nuint end, int indexOffset)
    {
        TScalars s = scalars;
        var k = new PreferredKeys(in keys);
        nuint width = (nuint)Vector<float>.Count;
        nuint i = start;
        Vector<uint> counter = CounterAt(indexOffset + (int)start);
        Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
        if (!TRule.HasRarePath)
        {
            // Each vector stored as soon as it is updated: at 256 bits there are 16 registers.
            for (; i < end; i += width)
            {
                Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                    out Vector<float> p, out Vector<float> g, out PreferredState x);
                TRule.Moments(in s, ref p, ref g, ref x);
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, ref x);
                counter += advance;
            }

            return;
        }

        for (; end - i >= 4 * width; i += 4 * width)
        {
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                out Vector<float> p0, out Vector<float> g0, out PreferredState x0);
            TRule.Moments(in s, ref p0, ref g0, ref x0);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + width,
                out Vector<float> p1, out Vector<float> g1, out PreferredState x1);
            TRule.Moments(in s, ref p1, ref g1, ref x1);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
                out Vector<float> p2, out Vector<float> g2, out PreferredState x2);
            TRule.Moments(in s, ref p2, ref g2, ref x2);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 3 * width,
                out Vector<float> p3, out Vector<float> g3, out PreferredState x3);
            TRule.Moments(in s, ref p3, ref g3, ref x3);

            Vector<uint> c1 = counter + advance, c2 = c1 + advance, c3 = c2 + advance;
            if (TRule.AnyRare(in x0, in x1, in x2, in x3))
            {
                // Cold: a call, so that the hot loop's inlining budget goes to Finish.
                RareGroup(in scalars, in keys, ref parameter, ref state0, ref state1, ref state2, ref state3, i,
                    indexOffset, p0, p1, p2, p3, g0, g1, g2, g3, x0, x1, x2, x3);
            }
            else
            {
                // Each vector stored as soon as it is finished: its state, then θ.
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p0, ref x0);
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + width, c1, p1, ref x1);
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width, c2, p2,
                    ref x2);
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 3 * width, c3, p3,
                    ref x3);
            }

            counter = c3 + advance;
        }

        for (; i < end; i += width)
        {
            One(in scalars, in keys, ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                indexOffset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> CounterAt(int index) =>
        StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(index));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RareGroup(
        in TScalars scalars, in RoundingKeys keys, ref TData parameter, ref TState state0, ref TState state1,
        ref TState state2, ref TState state3, nuint i, int indexOffset,
        Vector<float> p0, Vector<float> p1, Vector<float> p2, Vector<float> p3,
        Vector<float> g0, Vector<float> g1, Vector<float> g2, Vector<float> g3,
        PreferredState x0, PreferredState x1, PreferredState x2, PreferredState x3)
    {
        TScalars s = scalars;
        var k = new PreferredKeys(in keys);
        nuint width = (nuint)Vector<float>.Count;
        Vector<uint> counter = CounterAt(indexOffset + (int)i);
        Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
        FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p0, g0, ref x0);
        FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + width,
            counter + advance, p1, g1, ref x1);
        FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
            counter + advance + advance, p2, g2, ref x2);
        FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 3 * width,
            counter + advance + advance + advance, p3, g3, ref x3);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void One(
        in TScalars scalars, in RoundingKeys keys, ref TData parameter, ref TData gradient, ref TState state0,
        ref TState state1, ref TState state2, ref TState state3, nuint i, int indexOffset)
    {
        Vector<uint> counter = CounterAt(indexOffset + (int)i);
        TScalars s = scalars;
        var k = new PreferredKeys(in keys);
        Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
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
        ref TData parameter, ref TData gradient, ref TState state0, ref TState state1, ref TState state2,
        ref TState state3, nuint i, out Vector<float> p, out Vector<float> g, out PreferredState x)
    {
        p = TDataStorage.LoadPreferred(ref parameter, i);
        g = TDataStorage.LoadPreferred(ref gradient, i);
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
        if (TRule.StateCount > 0) TStateStorage.StorePreferred(x.S0, ref state0, i, StateBits(counter, k.State0Low, k.State0High));
        if (TRule.StateCount > 1) TStateStorage.StorePreferred(x.S1, ref state1, i, StateBits(counter, k.State1Low, k.State1High));
        if (TRule.StateCount > 2) TStateStorage.StorePreferred(x.S2, ref state2, i, StateBits(counter, k.State2Low, k.State2High));
        if (TRule.StateCount > 3) TStateStorage.StorePreferred(x.S3, ref state3, i, StateBits(counter, k.State3Low, k.State3High));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> StateBits(Vector<uint> counter, Vector<uint> keyLow, Vector<uint> keyHigh) =>
        TStateStorage.RoundsStochastically ? StochasticRounding.RandomBits(counter, keyLow, keyHigh) : default;

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

    private static (Vector<uint>, Vector<uint>) Split(ulong key) =>
        (new Vector<uint>((uint)key), new Vector<uint>((uint)(key >> 32)));
}
