using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks.DriverStudy;

/// <summary>
/// The one driver: runs any rule (<see cref="IElementwiseRule{TScalars}"/>) over any storage of θ and g
/// (<typeparamref name="TDataStorage"/>) and of its state (<typeparamref name="TStateStorage"/>), on 512-bit vectors
/// where they are accelerated and on <see cref="Vector{T}"/> elsewhere, four vectors per iteration, the last
/// partial vector through zero-padded copies. The JIT compiles one copy per (rule, storage) and folds the rule's
/// literals into it.
/// </summary>
public static class ElementwiseDriver
{
    private const int MaxLanes = 16;

    /// <summary>Updates elements <c>[0, length)</c> on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>(
        in TScalars scalars, scoped in Streams<TData, TState> streams, int length)
        where TRule : struct, IElementwiseRule<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TBits : struct, IRandomBits
    {
        nuint width = (nuint)KernelWidth.FloatLanes;
        nuint end = (nuint)length;
        nuint wholeEnd = end / width * width;
        if (wholeEnd != 0)
        {
            Range<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>(in scalars, in streams, 0, wholeEnd, 0);
        }

        if (wholeEnd != end)
        {
            Tail<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>(in scalars, in streams, wholeEnd, (int)(end - wholeEnd));
        }
    }

    /// <summary>
    /// Whole vectors over <c>[start, end)</c>; <paramref name="indexOffset"/> is added to each position to give the
    /// element index the rounding draws its bits for (0 over the set itself, the tail's start over its copies).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Range<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>(
        in TScalars scalars, scoped in Streams<TData, TState> streams, nuint start, nuint end, int indexOffset)
        where TRule : struct, IElementwiseRule<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TBits : struct, IRandomBits
    {
        if (KernelWidth.Uses512Bits)
        {
            Wide<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>.Update(
                in scalars, ref streams.Parameter, ref streams.Gradient, ref streams.State0, ref streams.State1,
                ref streams.State2, ref streams.State3, in streams.Keys, start, end, indexOffset);
        }
        else
        {
            Preferred<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>.Update(
                in scalars, ref streams.Parameter, ref streams.Gradient, ref streams.State0, ref streams.State1,
                ref streams.State2, ref streams.State3, in streams.Keys, start, end, indexOffset);
        }
    }

    [InlineArray(MaxLanes)]
    private struct Lanes<T>
        where T : unmanaged
    {
        private T _element;
    }

    /// <summary>One padded vector per stream.</summary>
    private struct Block<TData, TState>
        where TData : unmanaged
        where TState : unmanaged
    {
        public Lanes<TData> Parameter;
        public Lanes<TData> Gradient;
        public Lanes<TState> State0;
        public Lanes<TState> State1;
        public Lanes<TState> State2;
        public Lanes<TState> State3;
    }

    /// <summary>The last <paramref name="count"/> (fewer than one vector) elements, through zero-padded copies.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>(
        in TScalars scalars, scoped in Streams<TData, TState> streams, nuint start, int count)
        where TRule : struct, IElementwiseRule<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TBits : struct, IRandomBits
    {
        int n = TRule.StateCount;
        Block<TData, TState> block = default;
        CopyIn(ref streams.Parameter, start, count, block.Parameter);
        CopyIn(ref streams.Gradient, start, count, block.Gradient);
        if (n > 0) CopyIn(ref streams.State0, start, count, block.State0);
        if (n > 1) CopyIn(ref streams.State1, start, count, block.State1);
        if (n > 2) CopyIn(ref streams.State2, start, count, block.State2);
        if (n > 3) CopyIn(ref streams.State3, start, count, block.State3);

        var padded = new Streams<TData, TState>(
            ref block.Parameter[0], ref block.Gradient[0], ref block.State0[0], ref block.State1[0],
            ref block.State2[0], ref block.State3[0], in streams.Keys);
        Range<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>(
            in scalars, in padded, 0, (nuint)KernelWidth.FloatLanes, (int)start);

        CopyOut(block.Parameter, ref streams.Parameter, start, count);
        if (n > 0) CopyOut(block.State0, ref streams.State0, start, count);
        if (n > 1) CopyOut(block.State1, ref streams.State1, start, count);
        if (n > 2) CopyOut(block.State2, ref streams.State2, start, count);
        if (n > 3) CopyOut(block.State3, ref streams.State3, start, count);
    }

    private static void CopyIn<T>(ref T stream, nuint start, int count, Span<T> lanes)
        where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref stream, start), count).CopyTo(lanes);

    private static void CopyOut<T>(ReadOnlySpan<T> lanes, ref T stream, nuint start, int count)
        where T : unmanaged =>
        lanes[..count].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref stream, start), count));

    /// <summary>The loop over <see cref="Vector512{T}"/>.</summary>
    private static class Wide<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>
        where TRule : struct, IElementwiseRule<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TBits : struct, IRandomBits
    {
        // Never inlined: the loop is a whole set's work (as in today's generated kernels).
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Update(
            in TScalars scalars, ref TData parameter, ref TData gradient, ref TState state0, ref TState state1,
            ref TState state2, ref TState state3, in RoundingKeys keys, nuint start, nuint end, int indexOffset)
        {
            // Copies in locals: the rule's broadcasts of them are then loop invariants. The rounding keys are broadcast
            // here, once per call, and the index counters carried from vector to vector (a float storage uses
            // neither, and the JIT drops both).
            TScalars s = scalars;
            var k = new RoundingKeys512(in keys);
            nuint width = (nuint)Vector512<float>.Count;
            nuint i = start;
            Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices + Vector512.Create(indexOffset + (int)start));
            Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(Vector512<int>.Count));
            for (; end - i >= 4 * width; i += 4 * width)
            {
                // Vectors in pairs (a bfloat16 storage loads 32 elements at once and stores them with one permute),
                // each vector's moments as soon as its pair is loaded: few vectors live.
                LoadPair(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                    out Vector512<float> p0, out Vector512<float> g0, out State512 x0,
                    out Vector512<float> p1, out Vector512<float> g1, out State512 x1);
                TRule.Moments(in s, p0, ref g0, ref x0);
                TRule.Moments(in s, p1, ref g1, ref x1);
                LoadPair(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
                    out Vector512<float> p2, out Vector512<float> g2, out State512 x2,
                    out Vector512<float> p3, out Vector512<float> g3, out State512 x3);
                TRule.Moments(in s, p2, ref g2, ref x2);
                TRule.Moments(in s, p3, ref g3, ref x3);

                // Each pair stored as soon as it is finished: its state first, then θ.
                Vector512<uint> c1 = counter + advance, c2 = c1 + advance, c3 = c2 + advance;
                if (TRule.HasRarePath && TRule.AnyRare(in x0, in x1, in x2, in x3))
                {
                    // Cold: a call, so that the hot loop's inlining budget goes to Finish (with the rare path inlined
                    // too, the JIT stopped inlining Finish at all). The originals of the scalars and keys are passed,
                    // not the loop's copies, which would then live in memory.
                    RareGroup(in scalars, in keys, ref parameter, ref state0, ref state1, ref state2, ref state3, i, indexOffset,
                        p0, p1, p2, p3, g0, g1, g2, g3, x0, x1, x2, x3);
                }
                else
                {
                    FinishPair(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, c1, p0, in x0, p1, in x1);
                    FinishPair(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width, c2, c3, p2, in x2, p3, in x3);
                }

                counter = c3 + advance;
            }

            for (; i < end; i += width)
            {
                // At most three vectors per call: a call each keeps the loop's inlining budget for the group.
                One(in scalars, in keys, ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, indexOffset);
                counter += advance;
            }
        }

        /// <summary>A group of four vectors with a rare lane: each one's state recomputed exactly, stored, then θ.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RareGroup(
            in TScalars scalars, in RoundingKeys keys, ref TData parameter, ref TState state0, ref TState state1,
            ref TState state2, ref TState state3, nuint i, int indexOffset, Vector512<float> p0, Vector512<float> p1, Vector512<float> p2, Vector512<float> p3,
            Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3, State512 x0, State512 x1, State512 x2, State512 x3)
        {
            TScalars s = scalars;
            var k = new RoundingKeys512(in keys);
            Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices + Vector512.Create(indexOffset + (int)i));
            nuint width = (nuint)Vector512<float>.Count;
            Vector512<uint> advance = StochasticRounding.IndexCounter(Vector512.Create(Vector512<int>.Count));
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p0, g0, ref x0);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + width, counter + advance, p1, g1, ref x1);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width, counter + 2 * advance, p2, g2, ref x2);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 3 * width, counter + 3 * advance, p3, g3, ref x3);
        }

        /// <summary>One vector (the last whole ones after the groups of four).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void One(
            in TScalars scalars, in RoundingKeys keys, ref TData parameter, ref TData gradient, ref TState state0,
            ref TState state1, ref TState state2, ref TState state3, nuint i, int indexOffset)
        {
            // The counter from the index (not carried in): the float loops then carry none.
            Vector512<uint> counter = StochasticRounding.IndexCounter(Vector512<int>.Indices + Vector512.Create(indexOffset + (int)i));
            TScalars s = scalars;
            var k = new RoundingKeys512(in keys);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, out Vector512<float> p, out Vector512<float> g, out State512 x);
            TRule.Moments(in s, p, ref g, ref x);
            if (TRule.HasRarePath && TRule.AnyRare(in x))
            {
                FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, g, ref x);
            }
            else
            {
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, in x);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Load(
            ref TData parameter, ref TData gradient, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, out Vector512<float> p, out Vector512<float> g, out State512 x)
        {
            p = TDataStorage.Load(ref parameter, i);
            g = TDataStorage.Load(ref gradient, i);
            LoadState(ref state0, ref state1, ref state2, ref state3, i, out x);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LoadState(
            ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i, out State512 x)
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
            ref TData parameter, ref TData gradient, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, out Vector512<float> p0, out Vector512<float> g0, out State512 x0,
            out Vector512<float> p1, out Vector512<float> g1, out State512 x1)
        {
            TDataStorage.LoadPair(ref parameter, i, out p0, out p1);
            TDataStorage.LoadPair(ref gradient, i, out g0, out g1);
            x0 = default;
            x1 = default;
            Vector512<float> a, b;
            if (TRule.StateCount > 0) { TStateStorage.LoadPair(ref state0, i, out a, out b); x0.S0 = a; x1.S0 = b; }
            if (TRule.StateCount > 1) { TStateStorage.LoadPair(ref state1, i, out a, out b); x0.S1 = a; x1.S1 = b; }
            if (TRule.StateCount > 2) { TStateStorage.LoadPair(ref state2, i, out a, out b); x0.S2 = a; x1.S2 = b; }
            if (TRule.StateCount > 3) { TStateStorage.LoadPair(ref state3, i, out a, out b); x0.S3 = a; x1.S3 = b; }
        }

        /// <summary>
        /// Stores the vectors at <paramref name="i"/> and <paramref name="i"/> + 16 (counters <paramref name="counter0"/>
        /// and <paramref name="counter1"/>): their new state, then θ from <c>Finish</c>, each stream a pair per store.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FinishPair(
            in TScalars s, in RoundingKeys512 k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, Vector512<uint> counter0, Vector512<uint> counter1,
            Vector512<float> p0, in State512 x0, Vector512<float> p1, in State512 x1)
        {
            StoreStatePair(in k, ref state0, ref state1, ref state2, ref state3, i, counter0, counter1, in x0, in x1);
            Vector512<float> q0 = TRule.Finish(in s, p0, in x0);
            Vector512<float> q1 = TRule.Finish(in s, p1, in x1);
            TDataStorage.StoreBitsPair(q0, q1, ref parameter, i, ParameterWord(in k, counter0), ParameterWord(in k, counter1));
        }

        /// <summary><see cref="StoreState"/> for two vectors: the same words, a pair per store.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreStatePair(
            in RoundingKeys512 k, ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i,
            Vector512<uint> c0, Vector512<uint> c1, in State512 x0, in State512 x1)
        {
            if (TBits.Shared)
            {
                Vector512<uint> w0 = TBits.Constant ? Vector512.Create(0x8000_0000u) : StochasticRounding.RandomBits(c0, k.State0Low, k.State0High);
                Vector512<uint> w1 = TBits.Constant ? Vector512.Create(0x8000_0000u) : StochasticRounding.RandomBits(c1, k.State0Low, k.State0High);
                if (TRule.StateCount > 0) TStateStorage.StoreBitsPair(x0.S0, x1.S0, ref state0, i, w0, w1);
                if (TRule.StateCount > 1) TStateStorage.StoreBitsPair(x0.S1, x1.S1, ref state1, i, TBits.Constant ? w0 : w0 << 16, TBits.Constant ? w1 : w1 << 16);
                if (TRule.StateCount > 2) TStateStorage.StoreBitsPair(x0.S2, x1.S2, ref state2, i, TBits.Constant ? w0 : ParameterWord(in k, c0) << 16, TBits.Constant ? w1 : ParameterWord(in k, c1) << 16);
                if (TRule.StateCount > 3) TStateStorage.StoreBitsPair(x0.S3, x1.S3, ref state3, i, TBits.Constant ? w0 : StochasticRounding.RandomBits(c0, k.State3Low, k.State3High), TBits.Constant ? w1 : StochasticRounding.RandomBits(c1, k.State3Low, k.State3High));
                return;
            }

            if (TRule.StateCount > 0) TStateStorage.StoreBitsPair(x0.S0, x1.S0, ref state0, i, StochasticRounding.RandomBits(c0, k.State0Low, k.State0High), StochasticRounding.RandomBits(c1, k.State0Low, k.State0High));
            if (TRule.StateCount > 1) TStateStorage.StoreBitsPair(x0.S1, x1.S1, ref state1, i, StochasticRounding.RandomBits(c0, k.State1Low, k.State1High), StochasticRounding.RandomBits(c1, k.State1Low, k.State1High));
            if (TRule.StateCount > 2) TStateStorage.StoreBitsPair(x0.S2, x1.S2, ref state2, i, StochasticRounding.RandomBits(c0, k.State2Low, k.State2High), StochasticRounding.RandomBits(c1, k.State2Low, k.State2High));
            if (TRule.StateCount > 3) TStateStorage.StoreBitsPair(x0.S3, x1.S3, ref state3, i, StochasticRounding.RandomBits(c0, k.State3Low, k.State3High), StochasticRounding.RandomBits(c1, k.State3Low, k.State3High));
        }

        /// <summary>Stores the vector at <paramref name="i"/>: its new state, then θ from <c>Finish</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Finish(
            in TScalars s, in RoundingKeys512 k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, Vector512<uint> counter, Vector512<float> p, in State512 x)
        {
            StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
            StoreParameter(in k, ref parameter, i, counter, TRule.Finish(in s, p, in x));
        }

        /// <summary>
        /// The rare path of one vector: its state recomputed exactly from the stored state (still the old one: each
        /// vector's elements are stored only here), then stored, then θ from <c>FinishRare</c>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FinishRare(
            in TScalars s, in RoundingKeys512 k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, Vector512<uint> counter, Vector512<float> p, Vector512<float> g, ref State512 x)
        {
            LoadState(ref state0, ref state1, ref state2, ref state3, i, out State512 stored);
            TRule.ExactMoments(in s, g, in stored, ref x);
            StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
            StoreParameter(in k, ref parameter, i, counter, TRule.FinishRare(in s, p, in x));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreState(
            in RoundingKeys512 k, ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i,
            Vector512<uint> counter, in State512 x)
        {
            // Unused words are dead code to the JIT (a float storage ignores them).
            if (TBits.Shared)
            {
                Vector512<uint> word0 = TBits.Constant ? Vector512.Create(0x8000_0000u) : StochasticRounding.RandomBits(counter, k.State0Low, k.State0High);
                if (TRule.StateCount > 0) TStateStorage.StoreBits(x.S0, ref state0, i, word0);
                if (TRule.StateCount > 1) TStateStorage.StoreBits(x.S1, ref state1, i, TBits.Constant ? word0 : word0 << 16);
                if (TRule.StateCount > 2) TStateStorage.StoreBits(x.S2, ref state2, i, TBits.Constant ? word0 : ParameterWord(in k, counter) << 16);
                if (TRule.StateCount > 3) TStateStorage.StoreBits(x.S3, ref state3, i, TBits.Constant ? word0 : StochasticRounding.RandomBits(counter, k.State3Low, k.State3High));
                return;
            }

            if (TRule.StateCount > 0) TStateStorage.StoreBits(x.S0, ref state0, i, StochasticRounding.RandomBits(counter, k.State0Low, k.State0High));
            if (TRule.StateCount > 1) TStateStorage.StoreBits(x.S1, ref state1, i, StochasticRounding.RandomBits(counter, k.State1Low, k.State1High));
            if (TRule.StateCount > 2) TStateStorage.StoreBits(x.S2, ref state2, i, StochasticRounding.RandomBits(counter, k.State2Low, k.State2High));
            if (TRule.StateCount > 3) TStateStorage.StoreBits(x.S3, ref state3, i, StochasticRounding.RandomBits(counter, k.State3Low, k.State3High));
        }

        /// <summary>θ's word: under θ's key (with <c>HashShared</c> a third state buffer takes its low half).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<uint> ParameterWord(in RoundingKeys512 k, Vector512<uint> counter) =>
            TBits.Constant ? Vector512.Create(0x8000_0000u) : StochasticRounding.RandomBits(counter, k.ParameterLow, k.ParameterHigh);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreParameter(in RoundingKeys512 k, ref TData parameter, nuint i, Vector512<uint> counter, Vector512<float> p) =>
            TDataStorage.StoreBits(p, ref parameter, i, ParameterWord(in k, counter));
    }

    /// <summary>The loop over <see cref="Vector{T}"/>, where 512-bit vectors are not accelerated.</summary>
    private static class Preferred<TRule, TScalars, TData, TDataStorage, TState, TStateStorage, TBits>
        where TRule : struct, IElementwiseRule<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TBits : struct, IRandomBits
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Update(
            in TScalars scalars, ref TData parameter, ref TData gradient, ref TState state0, ref TState state1,
            ref TState state2, ref TState state3, in RoundingKeys keys, nuint start, nuint end, int indexOffset)
        {
            TScalars s = scalars;
            var k = new RoundingKeysPreferred(in keys);
            nuint width = (nuint)Vector<float>.Count;
            nuint i = start;
            Vector<uint> counter = StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(indexOffset + (int)start));
            Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
            for (; end - i >= 4 * width; i += 4 * width)
            {
                // Each vector's moments as soon as it is loaded (as today's generated Moments does): fewer vectors live.
                Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i,
                    out Vector<float> p0, out Vector<float> g0, out StatePreferred x0);
                TRule.Moments(in s, p0, ref g0, ref x0);
                Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + width,
                    out Vector<float> p1, out Vector<float> g1, out StatePreferred x1);
                TRule.Moments(in s, p1, ref g1, ref x1);
                Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 2 * width,
                    out Vector<float> p2, out Vector<float> g2, out StatePreferred x2);
                TRule.Moments(in s, p2, ref g2, ref x2);
                Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i + 3 * width,
                    out Vector<float> p3, out Vector<float> g3, out StatePreferred x3);
                TRule.Moments(in s, p3, ref g3, ref x3);

                // Each vector stored as soon as it is finished (as today's generated Finish does): its state first,
                // then θ. Storing after the whole group kept four vectors' results live at once (spilled at 256 bits,
                // where there are 16 registers).
                Vector<uint> c1 = counter + advance, c2 = c1 + advance, c3 = c2 + advance;
                if (TRule.HasRarePath && TRule.AnyRare(in x0, in x1, in x2, in x3))
                {
                    // Cold: a call, so that the hot loop's inlining budget goes to Finish (with the rare path inlined
                    // too, the JIT stopped inlining Finish at all). The originals of the scalars and keys are passed,
                    // not the loop's copies, which would then live in memory.
                    RareGroup(in scalars, in keys, ref parameter, ref state0, ref state1, ref state2, ref state3, i, indexOffset,
                        p0, p1, p2, p3, g0, g1, g2, g3, x0, x1, x2, x3);
                }
                else
                {
                    Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p0, in x0);
                    Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + width, c1, p1, in x1);
                    Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width, c2, p2, in x2);
                    Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 3 * width, c3, p3, in x3);
                }

                counter = c3 + advance;
            }

            for (; i < end; i += width)
            {
                // At most three vectors per call: a call each keeps the loop's inlining budget for the group.
                One(in scalars, in keys, ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, indexOffset);
                counter += advance;
            }
        }

        /// <summary>A group of four vectors with a rare lane: each one's state recomputed exactly, stored, then θ.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RareGroup(
            in TScalars scalars, in RoundingKeys keys, ref TData parameter, ref TState state0, ref TState state1,
            ref TState state2, ref TState state3, nuint i, int indexOffset, Vector<float> p0, Vector<float> p1, Vector<float> p2, Vector<float> p3,
            Vector<float> g0, Vector<float> g1, Vector<float> g2, Vector<float> g3, StatePreferred x0, StatePreferred x1, StatePreferred x2, StatePreferred x3)
        {
            TScalars s = scalars;
            var k = new RoundingKeysPreferred(in keys);
            Vector<uint> counter = StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(indexOffset + (int)i));
            nuint width = (nuint)Vector<float>.Count;
            Vector<uint> advance = StochasticRounding.IndexCounter(new Vector<int>(Vector<int>.Count));
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p0, g0, ref x0);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + width, counter + advance, p1, g1, ref x1);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 2 * width, counter + 2 * advance, p2, g2, ref x2);
            FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i + 3 * width, counter + 3 * advance, p3, g3, ref x3);
        }

        /// <summary>One vector (the last whole ones after the groups of four).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void One(
            in TScalars scalars, in RoundingKeys keys, ref TData parameter, ref TData gradient, ref TState state0,
            ref TState state1, ref TState state2, ref TState state3, nuint i, int indexOffset)
        {
            // The counter from the index (not carried in): the float loops then carry none.
            Vector<uint> counter = StochasticRounding.IndexCounter(Vector<int>.Indices + new Vector<int>(indexOffset + (int)i));
            TScalars s = scalars;
            var k = new RoundingKeysPreferred(in keys);
            Load(ref parameter, ref gradient, ref state0, ref state1, ref state2, ref state3, i, out Vector<float> p, out Vector<float> g, out StatePreferred x);
            TRule.Moments(in s, p, ref g, ref x);
            if (TRule.HasRarePath && TRule.AnyRare(in x))
            {
                FinishRare(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, g, ref x);
            }
            else
            {
                Finish(in s, in k, ref parameter, ref state0, ref state1, ref state2, ref state3, i, counter, p, in x);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Load(
            ref TData parameter, ref TData gradient, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, out Vector<float> p, out Vector<float> g, out StatePreferred x)
        {
            p = TDataStorage.LoadPreferred(ref parameter, i);
            g = TDataStorage.LoadPreferred(ref gradient, i);
            LoadState(ref state0, ref state1, ref state2, ref state3, i, out x);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LoadState(
            ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i, out StatePreferred x)
        {
            x = default;
            if (TRule.StateCount > 0) x.S0 = TStateStorage.LoadPreferred(ref state0, i);
            if (TRule.StateCount > 1) x.S1 = TStateStorage.LoadPreferred(ref state1, i);
            if (TRule.StateCount > 2) x.S2 = TStateStorage.LoadPreferred(ref state2, i);
            if (TRule.StateCount > 3) x.S3 = TStateStorage.LoadPreferred(ref state3, i);
        }

        /// <summary>Stores the vector at <paramref name="i"/>: its new state, then θ from <c>Finish</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Finish(
            in TScalars s, in RoundingKeysPreferred k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, Vector<uint> counter, Vector<float> p, in StatePreferred x)
        {
            StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
            StoreParameter(in k, ref parameter, i, counter, TRule.Finish(in s, p, in x));
        }

        /// <summary>
        /// The rare path of one vector: its state recomputed exactly from the stored state (still the old one: each
        /// vector's elements are stored only here), then stored, then θ from <c>FinishRare</c>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void FinishRare(
            in TScalars s, in RoundingKeysPreferred k, ref TData parameter, ref TState state0, ref TState state1, ref TState state2,
            ref TState state3, nuint i, Vector<uint> counter, Vector<float> p, Vector<float> g, ref StatePreferred x)
        {
            LoadState(ref state0, ref state1, ref state2, ref state3, i, out StatePreferred stored);
            TRule.ExactMoments(in s, g, in stored, ref x);
            StoreState(in k, ref state0, ref state1, ref state2, ref state3, i, counter, in x);
            StoreParameter(in k, ref parameter, i, counter, TRule.FinishRare(in s, p, in x));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreState(
            in RoundingKeysPreferred k, ref TState state0, ref TState state1, ref TState state2, ref TState state3, nuint i,
            Vector<uint> counter, in StatePreferred x)
        {
            // Unused words are dead code to the JIT (a float storage ignores them).
            if (TBits.Shared)
            {
                Vector<uint> word0 = TBits.Constant ? new Vector<uint>(0x8000_0000u) : StochasticRounding.RandomBits(counter, k.State0Low, k.State0High);
                if (TRule.StateCount > 0) TStateStorage.StoreBitsPreferred(x.S0, ref state0, i, word0);
                if (TRule.StateCount > 1) TStateStorage.StoreBitsPreferred(x.S1, ref state1, i, TBits.Constant ? word0 : Vector.ShiftLeft(word0, 16));
                if (TRule.StateCount > 2) TStateStorage.StoreBitsPreferred(x.S2, ref state2, i, TBits.Constant ? word0 : Vector.ShiftLeft(ParameterWord(in k, counter), 16));
                if (TRule.StateCount > 3) TStateStorage.StoreBitsPreferred(x.S3, ref state3, i, TBits.Constant ? word0 : StochasticRounding.RandomBits(counter, k.State3Low, k.State3High));
                return;
            }

            if (TRule.StateCount > 0) TStateStorage.StoreBitsPreferred(x.S0, ref state0, i, StochasticRounding.RandomBits(counter, k.State0Low, k.State0High));
            if (TRule.StateCount > 1) TStateStorage.StoreBitsPreferred(x.S1, ref state1, i, StochasticRounding.RandomBits(counter, k.State1Low, k.State1High));
            if (TRule.StateCount > 2) TStateStorage.StoreBitsPreferred(x.S2, ref state2, i, StochasticRounding.RandomBits(counter, k.State2Low, k.State2High));
            if (TRule.StateCount > 3) TStateStorage.StoreBitsPreferred(x.S3, ref state3, i, StochasticRounding.RandomBits(counter, k.State3Low, k.State3High));
        }

        /// <summary>θ's word: under θ's key (with <c>HashShared</c> a third state buffer takes its low half).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<uint> ParameterWord(in RoundingKeysPreferred k, Vector<uint> counter) =>
            TBits.Constant ? new Vector<uint>(0x8000_0000u) : StochasticRounding.RandomBits(counter, k.ParameterLow, k.ParameterHigh);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreParameter(in RoundingKeysPreferred k, ref TData parameter, nuint i, Vector<uint> counter, Vector<float> p) =>
            TDataStorage.StoreBitsPreferred(p, ref parameter, i, ParameterWord(in k, counter));
    }
}
