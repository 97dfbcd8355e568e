using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The measuring loop of a trust-ratio rule, written once for every storage type: Σθ² and Σu² over a range of a set,
/// u from the rule's <c>Direction</c> (θ, the scaled g and the stored state, nothing written). Squares of the double
/// lanes are summed in double in a fixed order of lanes, so a range's sums depend on the range alone, never on the
/// core that measures it.
/// </summary>
internal static class TrustRatioMeasure
{
    /// <summary>Σθ² and Σu² over elements <c>[start, start + count)</c> of <paramref name="streams"/>.</summary>
    public static (double Parameter, double Update) Of<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, int start, int count)
        where TWide : struct, IWideTrustRatioUpdate<TScalars>
        where TPreferred : struct, IPreferredTrustRatioUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        int width = KernelWidth.FloatLanes;
        int whole = count / width * width;
        var sums = new Sums();
        if (whole > 0)
        {
            Vectors<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
                in scalars, in streams, (nuint)start, (nuint)(start + whole), width, ref sums);
        }

        if (whole < count)
        {
            Tail<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
                in scalars, in streams, start + whole, count - whole, ref sums);
        }

        return (sums.Parameter, sums.Update);
    }

    private struct Sums
    {
        public double Parameter;
        public double Update;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Vectors<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, nuint start, nuint end, int valid, ref Sums sums)
        where TWide : struct, IWideTrustRatioUpdate<TScalars>
        where TPreferred : struct, IPreferredTrustRatioUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        int n = TWide.StateCount;
        float gradientScale = streams.GradientScale;
        if (KernelWidth.Uses512Bits)
        {
            Vector512<double> p0 = default, p1 = default, u0 = default, u1 = default;
            // Lanes at or past `valid` (the zero padding of a tail) are left out of Σu²: a padded u need not be 0.
            Vector512<double> lowerMask = Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)valid)).AsDouble();
            Vector512<double> upperMask = Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)valid - 8)).AsDouble();
            for (nuint i = start; i < end; i += 16)
            {
                Vector512<float> p = TDataStorage.Load(ref streams.Parameter, i);
                Vector512<float> g = TGradientStorage.Load(ref streams.Gradient, i);
                if (gradientScale != 1f)
                {
                    g *= Vector512.Create(gradientScale);
                }

                WideState state = default;
                if (n > 0) state.S0 = TStateStorage.Load(ref streams.State0, i);
                if (n > 1) state.S1 = TStateStorage.Load(ref streams.State1, i);
                if (n > 2) state.S2 = TStateStorage.Load(ref streams.State2, i);
                if (n > 3) state.S3 = TStateStorage.Load(ref streams.State3, i);
                TWide.Direction(in scalars, p, g, in state, out Vector512<double> lower, out Vector512<double> upper);
                lower = Vector512.ConditionalSelect(lowerMask, lower, Vector512<double>.Zero);
                upper = Vector512.ConditionalSelect(upperMask, upper, Vector512<double>.Zero);
                Vector512<double> pLower = Vector512.WidenLower(p), pUpper = Vector512.WidenUpper(p);
                p0 = Vector512.FusedMultiplyAdd(pLower, pLower, p0);
                p1 = Vector512.FusedMultiplyAdd(pUpper, pUpper, p1);
                u0 = Vector512.FusedMultiplyAdd(lower, lower, u0);
                u1 = Vector512.FusedMultiplyAdd(upper, upper, u1);
            }

            sums.Parameter += Vector512.Sum(p0 + p1);
            sums.Update += Vector512.Sum(u0 + u1);
        }
        else
        {
            Vector<double> p0 = default, p1 = default, u0 = default, u1 = default;
            int half = Vector<double>.Count;
            Vector<double> lowerMask = Vector.AsVectorDouble(Vector.LessThan(Vector<long>.Indices, new Vector<long>(valid)));
            Vector<double> upperMask = Vector.AsVectorDouble(Vector.LessThan(Vector<long>.Indices, new Vector<long>(valid - half)));
            for (nuint i = start; i < end; i += (nuint)Vector<float>.Count)
            {
                Vector<float> p = TDataStorage.LoadPreferred(ref streams.Parameter, i);
                Vector<float> g = TGradientStorage.LoadPreferred(ref streams.Gradient, i);
                if (gradientScale != 1f)
                {
                    g *= new Vector<float>(gradientScale);
                }

                PreferredState state = default;
                if (n > 0) state.S0 = TStateStorage.LoadPreferred(ref streams.State0, i);
                if (n > 1) state.S1 = TStateStorage.LoadPreferred(ref streams.State1, i);
                if (n > 2) state.S2 = TStateStorage.LoadPreferred(ref streams.State2, i);
                if (n > 3) state.S3 = TStateStorage.LoadPreferred(ref streams.State3, i);
                TPreferred.Direction(in scalars, p, g, in state, out Vector<double> lower, out Vector<double> upper);
                lower = Vector.ConditionalSelect(lowerMask, lower, Vector<double>.Zero);
                upper = Vector.ConditionalSelect(upperMask, upper, Vector<double>.Zero);
                Vector<double> pLower = Vector.WidenLower(p), pUpper = Vector.WidenUpper(p);
                p0 = Vector.FusedMultiplyAdd(pLower, pLower, p0);
                p1 = Vector.FusedMultiplyAdd(pUpper, pUpper, p1);
                u0 = Vector.FusedMultiplyAdd(lower, lower, u0);
                u1 = Vector.FusedMultiplyAdd(upper, upper, u1);
            }

            sums.Parameter += Vector.Sum(p0 + p1);
            sums.Update += Vector.Sum(u0 + u1);
        }
    }

    /// <summary>The last <paramref name="count"/> elements (fewer than a vector), through zero-padded copies.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Tail<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        in TScalars scalars, scoped in Streams<TData, TGradient, TState> streams, int start, int count, ref Sums sums)
        where TWide : struct, IWideTrustRatioUpdate<TScalars>
        where TPreferred : struct, IPreferredTrustRatioUpdate<TScalars>
        where TScalars : unmanaged
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        TailBlock<TData, TGradient, TState>.CheckWidth();
        TailBlock<TData, TGradient, TState> block = default;
        block.CopyIn(in streams, (nuint)start, count, TWide.StateCount);
        Streams<TData, TGradient, TState> padded = block.Padded(default, streams.GradientScale);
        Vectors<TWide, TPreferred, TScalars, TData, TDataStorage, TGradient, TGradientStorage, TState, TStateStorage>(
            in scalars, in padded, 0, (nuint)KernelWidth.FloatLanes, count, ref sums);
    }
}
