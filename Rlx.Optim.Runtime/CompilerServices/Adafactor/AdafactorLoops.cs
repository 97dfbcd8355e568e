using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// The float-arithmetic inner loops of <see cref="AdafactorSet{TRule, TParameter, TParameterStorage, TGradient, TGradientStorage}"/>'s passes over
/// <see cref="Vector{T}"/>, with a scalar tail that does each lane's arithmetic the same way (the same float operations
/// in the same order), so an element's result never depends on where a vector starts. Sums are accumulated in double,
/// in lanes, in a fixed order.
/// </summary>
/// <remarks>
/// θ, g and <c>variance</c> are read and written through their storages (<see cref="IStorage{T}"/>): a 16-bit element
/// is widened exactly and stored rounded stochastically with the bits of its index in the set (counted from the set's
/// first element: the <c>index</c> arguments) under its stream's key, in a vector as in the tail. Over float
/// storages the JIT drops the bits and the loops are plain float loads and stores.
/// </remarks>
internal static unsafe class AdafactorLoops
{
    /// <summary>Σ(x·scale)² over <paramref name="length"/> elements, each square in double.</summary>
    public static double SumOfScaledSquares<T, TStorage>(T* x, int length, float scale)
        where T : unmanaged
        where TStorage : struct, IStorage<T>
    {
        var sumLow = Vector<double>.Zero;
        var sumHigh = Vector<double>.Zero;
        var scales = new Vector<float>(scale);
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(TStorage.LoadPreferred(ref *x, (nuint)i) * scales, out Vector<double> low, out Vector<double> high);
            sumLow += low * low;
            sumHigh += high * high;
        }

        double sum = Vector.Sum(sumLow + sumHigh);
        for (; i < length; i++)
        {
            double value = ScalarStorage.ToFloat(x[i]) * scale;
            sum += value * value;
        }

        return sum;
    }

    /// <summary>
    /// One row of g read once for both factors: <c>columnSums[i] += (g[i]·scale)²</c> and the row's Σ(g·scale)², each
    /// square in double.
    /// </summary>
    public static double AddRowSquares<TGradient, TGradientStorage>(double* columnSums, TGradient* gradient, int length, float scale)
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
    {
        var rowLow = Vector<double>.Zero;
        var rowHigh = Vector<double>.Zero;
        var scales = new Vector<float>(scale);
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(TGradientStorage.LoadPreferred(ref *gradient, (nuint)i) * scales, out Vector<double> low, out Vector<double> high);
            low *= low;
            high *= high;
            rowLow += low;
            rowHigh += high;
            Store(columnSums + i, Load(columnSums + i) + low);
            Store(columnSums + i + Vector<double>.Count, Load(columnSums + i + Vector<double>.Count) + high);
        }

        double row = Vector.Sum(rowLow + rowHigh);
        for (; i < length; i++)
        {
            double value = ScalarStorage.ToFloat(gradient[i]) * scale;
            row += value * value;
            columnSums[i] += value * value;
        }

        return row;
    }

    /// <summary>ΣU² over one row of a factored set (<see cref="RowFactors.Update"/>), each square in double.</summary>
    public static double SumOfUpdateSquares<TGradient, TGradientStorage>(
        TGradient* gradient, float* colVar, float* colInverse, int length, in RowFactors row)
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
    {
        var sumLow = Vector<double>.Zero;
        var sumHigh = Vector<double>.Zero;
        var rows = new VectorRow(in row);
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<float> u = rows.Update(TGradientStorage.LoadPreferred(ref *gradient, (nuint)i), Load(colVar + i), Load(colInverse + i));
            Vector.Widen(u, out Vector<double> low, out Vector<double> high);
            sumLow += low * low;
            sumHigh += high * high;
        }

        double sum = Vector.Sum(sumLow + sumHigh);
        for (; i < length; i++)
        {
            double u = row.Update(ScalarStorage.ToFloat(gradient[i]), colVar[i], colInverse[i]);
            sum += u * u;
        }

        return sum;
    }

    /// <summary>
    /// θ ← θ·decay + step·U over one row of a factored set (decay only when <paramref name="decays"/>), θ stored
    /// under <paramref name="key"/> from element <paramref name="index"/> of the set.
    /// </summary>
    public static void UpdateRow<TParameter, TParameterStorage, TGradient, TGradientStorage>(
        TParameter* parameter, TGradient* gradient, float* colVar, float* colInverse, int length, in RowFactors row, bool decays, float decay,
        float step, ulong key, int index)
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
    {
        var rows = new VectorRow(in row);
        var decays8 = new Vector<float>(decay);
        var steps = new Vector<float>(step);
        bool rounds = TParameterStorage.RoundsStochastically;
        var bits = new LaneBits(key);
        Vector<uint> counter = rounds ? LaneBits.CounterAt(index) : default;
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<float> p = TParameterStorage.LoadPreferred(ref *parameter, (nuint)i);
            if (decays)
            {
                p *= decays8;
            }

            Vector<float> u = rows.Update(TGradientStorage.LoadPreferred(ref *gradient, (nuint)i), Load(colVar + i), Load(colInverse + i));
            TParameterStorage.StorePreferred(p + (steps * u), ref *parameter, (nuint)i, rounds ? bits.Of(counter) : default);
            counter = rounds ? counter + LaneBits.Advance : default;
        }

        for (; i < length; i++)
        {
            float p = ScalarStorage.ToFloat(parameter[i]);
            if (decays)
            {
                p *= decay;
            }

            float result = p + (step * row.Update(ScalarStorage.ToFloat(gradient[i]), colVar[i], colInverse[i]));
            parameter[i] = ScalarStorage.Round<TParameter>(result, key, index + i);
        }
    }

    /// <summary>
    /// An unfactored block's pass: v ← lerp(variance, (g·scale)², weight), then Σθ² and ΣU² with
    /// U = (1 / √max(v, ε₁²))·(g·scale), each square in double. v is stored here into a float <c>variance</c>; a
    /// bfloat16 one is left for the update, which computes v again and stores it rounded (<see cref="UpdateBlock"/>),
    /// so that U is the float run's in both.
    /// </summary>
    public static (double Theta, double Updates) VarianceBlock<TParameter, TParameterStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        TParameter* parameter, TGradient* gradient, TState* variance, int length, float scale, float weight, float epsilonSquared)
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        var thetaLow = Vector<double>.Zero;
        var thetaHigh = Vector<double>.Zero;
        var updatesLow = Vector<double>.Zero;
        var updatesHigh = Vector<double>.Zero;
        var scales = new Vector<float>(scale);
        var weights = new Vector<float>(weight);
        var floors = new Vector<float>(epsilonSquared);
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(TParameterStorage.LoadPreferred(ref *parameter, (nuint)i), out Vector<double> pLow, out Vector<double> pHigh);
            thetaLow += pLow * pLow;
            thetaHigh += pHigh * pHigh;
            Vector<float> g = TGradientStorage.LoadPreferred(ref *gradient, (nuint)i) * scales;
            Vector<float> v = Lerp(TStateStorage.LoadPreferred(ref *variance, (nuint)i), g * g, weights);
            if (!TStateStorage.RoundsStochastically)
            {
                TStateStorage.StorePreferred(v, ref *variance, (nuint)i, default);
            }

            Vector.Widen(Vector<float>.One / Vector.SquareRoot(Vector.Max(v, floors)) * g, out Vector<double> uLow, out Vector<double> uHigh);
            updatesLow += uLow * uLow;
            updatesHigh += uHigh * uHigh;
        }

        double theta = Vector.Sum(thetaLow + thetaHigh);
        double updates = Vector.Sum(updatesLow + updatesHigh);
        for (; i < length; i++)
        {
            double p = ScalarStorage.ToFloat(parameter[i]);
            theta += p * p;
            float g = ScalarStorage.ToFloat(gradient[i]) * scale;
            float v = Lerp(ScalarStorage.ToFloat(variance[i]), g * g, weight);
            if (!TStateStorage.RoundsStochastically)
            {
                variance[i] = ScalarStorage.Round<TState>(v, 0, 0);
            }

            double u = 1f / MathF.Sqrt(Math.Max(v, epsilonSquared)) * g;
            updates += u * u;
        }

        return (theta, updates);
    }

    /// <summary>
    /// θ ← θ·decay + step·U over an unfactored block, U from its <c>variance</c>: as its pass stored it when float;
    /// when bfloat16, v computed again as the pass did and stored here, rounded under <paramref name="keys"/>' State0.
    /// θ is stored under their Parameter key, from element <paramref name="index"/> of the set.
    /// </summary>
    public static void UpdateBlock<TParameter, TParameterStorage, TGradient, TGradientStorage, TState, TStateStorage>(
        TParameter* parameter, TGradient* gradient, TState* variance, int length, float scale, float weight, float epsilonSquared,
        bool decays, float decay, float step, in RoundingKeys keys, int index)
        where TParameter : unmanaged
        where TParameterStorage : struct, IStorage<TParameter>
        where TGradient : unmanaged
        where TGradientStorage : struct, IStorage<TGradient>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
    {
        var scales = new Vector<float>(scale);
        var weights = new Vector<float>(weight);
        var floors = new Vector<float>(epsilonSquared);
        var decays8 = new Vector<float>(decay);
        var steps = new Vector<float>(step);
        bool rounds = TParameterStorage.RoundsStochastically || TStateStorage.RoundsStochastically;
        var parameterBits = new LaneBits(keys.Parameter);
        var varianceBits = new LaneBits(keys.State0);
        Vector<uint> counter = rounds ? LaneBits.CounterAt(index) : default;
        int i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<float> g = TGradientStorage.LoadPreferred(ref *gradient, (nuint)i) * scales;
            Vector<float> v = TStateStorage.LoadPreferred(ref *variance, (nuint)i);
            if (TStateStorage.RoundsStochastically)
            {
                v = Lerp(v, g * g, weights);
                TStateStorage.StorePreferred(v, ref *variance, (nuint)i, varianceBits.Of(counter));
            }

            Vector<float> u = Vector<float>.One / Vector.SquareRoot(Vector.Max(v, floors)) * g;
            Vector<float> p = TParameterStorage.LoadPreferred(ref *parameter, (nuint)i);
            if (decays)
            {
                p *= decays8;
            }

            TParameterStorage.StorePreferred(
                p + (steps * u), ref *parameter, (nuint)i, TParameterStorage.RoundsStochastically ? parameterBits.Of(counter) : default);
            counter = rounds ? counter + LaneBits.Advance : default;
        }

        for (; i < length; i++)
        {
            float g = ScalarStorage.ToFloat(gradient[i]) * scale;
            float v = ScalarStorage.ToFloat(variance[i]);
            if (TStateStorage.RoundsStochastically)
            {
                v = Lerp(v, g * g, weight);
                variance[i] = ScalarStorage.Round<TState>(v, keys.State0, index + i);
            }

            float u = 1f / MathF.Sqrt(Math.Max(v, epsilonSquared)) * g;
            float p = ScalarStorage.ToFloat(parameter[i]);
            if (decays)
            {
                p *= decay;
            }

            parameter[i] = ScalarStorage.Round<TParameter>(p + (step * u), keys.Parameter, index + i);
        }
    }

    /// <summary>PyTorch's float <c>lerp</c>: from the end when the weight is at least ½.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Lerp(float self, float end, float weight) =>
        weight < 0.5f ? self + (weight * (end - self)) : end - ((end - self) * (1f - weight));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Lerp(Vector<float> self, Vector<float> end, Vector<float> weight) =>
        weight[0] < 0.5f ? self + (weight * (end - self)) : end - ((end - self) * (Vector<float>.One - weight));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(T* address)
        where T : unmanaged =>
        Unsafe.ReadUnaligned<Vector<T>>(address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* address, Vector<T> value)
        where T : unmanaged =>
        Unsafe.WriteUnaligned(address, value);

    /// <summary>One row's broadcast factors, for the vector loop.</summary>
    private readonly struct VectorRow
    {
        private readonly Vector<float> _ratio;
        private readonly Vector<float> _inverse;
        private readonly Vector<float> _floor;
        private readonly Vector<float> _floorInverse;
        private readonly Vector<float> _scale;

        public VectorRow(in RowFactors row)
        {
            _ratio = new Vector<float>(row.Ratio);
            _inverse = new Vector<float>(row.Inverse);
            _floor = new Vector<float>(row.Floor);
            _floorInverse = new Vector<float>(row.FloorInverse);
            _scale = new Vector<float>(row.Scale);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Update(Vector<float> gradient, Vector<float> colVar, Vector<float> colInverse)
        {
            Vector<float> g = gradient * _scale;
            return Vector.ConditionalSelect(Vector.LessThan(colVar * _ratio, _floor), g * _floorInverse, g * _inverse * colInverse);
        }
    }
}

/// <summary>
/// What one row of a factored set's update needs. U = g / √max(V, ε₁²) with V = row_var·col_var / mean(row_var) is
/// computed without a division or a square root per element: U = g·(1/√row_var)·√(mean/col_var), each factor
/// prepared once per row or column, or g/ε₁ where V is below ε₁² (V tested as col_var·(row_var/mean)). Within a few
/// float roundings of PyTorch's <c>rsqrt</c> of the product.
/// </summary>
internal readonly struct RowFactors
{
    public RowFactors(float ratio, float inverse, float floor, float floorInverse, float scale)
    {
        Ratio = ratio;
        Inverse = inverse;
        Floor = floor;
        FloorInverse = floorInverse;
        Scale = scale;
    }

    /// <summary>row_var / mean(row_var): V = col_var·Ratio.</summary>
    public float Ratio { get; }

    /// <summary>1/√row_var.</summary>
    public float Inverse { get; }

    /// <summary>ε₁², the floor of V.</summary>
    public float Floor { get; }

    /// <summary>1/√ε₁², U's factor where V is below the floor.</summary>
    public float FloorInverse { get; }

    /// <summary>Clipping's factor, negated when maximizing.</summary>
    public float Scale { get; }

    /// <summary>One element's U, as the vector lanes compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Update(float gradient, float colVar, float colInverse)
    {
        float g = gradient * Scale;
        return colVar * Ratio < Floor ? g * FloorInverse : g * Inverse * colInverse;
    }
}
