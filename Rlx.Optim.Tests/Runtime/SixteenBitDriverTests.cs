using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// <see cref="ElementwiseDriver"/> with the 16-bit storages, through two hand-written rules: every element's state
/// (and θ, when it is bfloat16) equals, bit for bit, a scalar reference that rounds each element with
/// <see cref="StochasticRounding"/> under its stream's key and its own index, whatever the length (whole groups,
/// single vectors, the padded tail), on one core or all, at whichever width the process runs (the suite runs again
/// with <c>DOTNET_EnableAVX512=0</c>).
/// </summary>
public sealed class SixteenBitDriverTests
{
    private const ulong Seed = 0x5EED_B16;

    [Fact]
    public void Float_parameters_with_bfloat16_state_match_the_scalar_reference_for_every_short_length() =>
        AssertShortLengths<Halve, float, FloatStorage, FloatFormat, BFloat16, BFloat16Storage, BFloat16Format>();

    [Fact]
    public void BFloat16_parameters_with_bfloat16_state_match_the_scalar_reference_for_every_short_length() =>
        AssertShortLengths<HalveAndDescend, BFloat16, BFloat16Storage, BFloat16Format, BFloat16, BFloat16Storage, BFloat16Format>();

    [Fact]
    public void Float_parameters_with_half_state_match_the_scalar_reference_for_every_short_length() =>
        AssertShortLengths<Halve, float, FloatStorage, FloatFormat, Half, HalfStorage, HalfFormat>();

    [Fact]
    public void Float_parameters_with_bfloat16_state_give_the_same_bits_on_one_core_and_all() =>
        AssertLargeSet<Halve, float, FloatStorage, FloatFormat, BFloat16, BFloat16Storage, BFloat16Format>();

    [Fact]
    public void BFloat16_parameters_with_bfloat16_state_give_the_same_bits_on_one_core_and_all() =>
        AssertLargeSet<HalveAndDescend, BFloat16, BFloat16Storage, BFloat16Format, BFloat16, BFloat16Storage, BFloat16Format>();

    [Fact]
    public void Float_parameters_with_half_state_give_the_same_bits_on_one_core_and_all() =>
        AssertLargeSet<Halve, float, FloatStorage, FloatFormat, Half, HalfStorage, HalfFormat>();

    /// <summary>Lengths 1 to 200, each its own set and step (so its own keys), through <c>Run</c>.</summary>
    private static void AssertShortLengths<TRule, TData, TDataStorage, TDataFormat, TState, TStateStorage, TStateFormat>()
        where TRule : struct, IWideUpdate<NoScalars>, IPreferredUpdate<NoScalars>, IScalarRule
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TDataFormat : IScalarFormat<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TStateFormat : IScalarFormat<TState>
    {
        var random = new Random(31);
        for (int length = 1; length <= 200; length++)
        {
            var set = new Set<TData, TDataFormat, TState, TStateFormat>(random, length);
            RoundingKeys keys = RoundingKeys.For(Seed, set: length % 7, step: length);
            Set<TData, TDataFormat, TState, TStateFormat> expected = set.Reference<TRule>(keys);
            set.Run<TRule, TDataStorage, TStateStorage>(keys, maxDegreeOfParallelism: null);
            set.AssertEqual(expected, $"length {length}");
        }
    }

    /// <summary>
    /// 100,003 elements (chunks across cores, then a tail), two steps through <c>RunParallel</c> on one core and on
    /// all: both equal the scalar reference after each step.
    /// </summary>
    private static void AssertLargeSet<TRule, TData, TDataStorage, TDataFormat, TState, TStateStorage, TStateFormat>()
        where TRule : struct, IWideUpdate<NoScalars>, IPreferredUpdate<NoScalars>, IScalarRule
        where TData : unmanaged
        where TDataStorage : struct, IStorage<TData>
        where TDataFormat : IScalarFormat<TData>
        where TState : unmanaged
        where TStateStorage : struct, IStorage<TState>
        where TStateFormat : IScalarFormat<TState>
    {
        const int Length = 100_003;
        var one = new Set<TData, TDataFormat, TState, TStateFormat>(new Random(37), Length);
        Set<TData, TDataFormat, TState, TStateFormat> all = one.Clone();
        for (long step = 1; step <= 2; step++)
        {
            RoundingKeys keys = RoundingKeys.For(Seed, set: 3, step);
            Set<TData, TDataFormat, TState, TStateFormat> expected = one.Reference<TRule>(keys);
            one.Run<TRule, TDataStorage, TStateStorage>(keys, maxDegreeOfParallelism: 1);
            all.Run<TRule, TDataStorage, TStateStorage>(keys, maxDegreeOfParallelism: -1);
            one.AssertEqual(expected, $"one core, step {step}");
            all.AssertEqual(expected, $"all cores, step {step}");
        }
    }

    /// <summary>A rule's settings: none.</summary>
    public struct NoScalars
    {
    }

    /// <summary>What a rule does to one element, in scalar code, for the reference.</summary>
    public interface IScalarRule
    {
        /// <summary>Updates the state <paramref name="x"/> and the parameter <paramref name="p"/> from g.</summary>
        static abstract void Update(ref float p, float g, ref float x);
    }

    /// <summary>x ← ½x + g; θ untouched.</summary>
    public readonly struct Halve : IWideUpdate<NoScalars>, IPreferredUpdate<NoScalars>, IScalarRule
    {
        public static int StateCount => 1;

        public static void Moments(in NoScalars scalars, ref Vector512<float> p, ref Vector512<float> g, ref WideState state) =>
            state.S0 = (Vector512.Create(0.5f) * state.S0) + g;

        public static void Moments(in NoScalars scalars, ref Vector<float> p, ref Vector<float> g, ref PreferredState state) =>
            state.S0 = (new Vector<float>(0.5f) * state.S0) + g;

        public static void Update(ref float p, float g, ref float x) => x = (0.5f * x) + g;
    }

    /// <summary>x ← ½x + g, then θ ← θ − ¼x (the new x, before its rounding).</summary>
    public readonly struct HalveAndDescend : IWideUpdate<NoScalars>, IPreferredUpdate<NoScalars>, IScalarRule
    {
        public static int StateCount => 1;

        public static void Moments(in NoScalars scalars, ref Vector512<float> p, ref Vector512<float> g, ref WideState state)
        {
            state.S0 = (Vector512.Create(0.5f) * state.S0) + g;
            p -= Vector512.Create(0.25f) * state.S0;
        }

        public static void Moments(in NoScalars scalars, ref Vector<float> p, ref Vector<float> g, ref PreferredState state)
        {
            state.S0 = (new Vector<float>(0.5f) * state.S0) + g;
            p -= new Vector<float>(0.25f) * state.S0;
        }

        public static void Update(ref float p, float g, ref float x)
        {
            x = (0.5f * x) + g;
            p -= 0.25f * x;
        }
    }

    /// <summary>A storage type in scalar code: its exact widening, its rounding of element i under a key, its bits.</summary>
    public interface IScalarFormat<T>
        where T : unmanaged
    {
        static abstract float Widen(T value);

        static abstract T Round(float value, ulong key, int index);

        static abstract uint Bits(T value);
    }

    public readonly struct FloatFormat : IScalarFormat<float>
    {
        public static float Widen(float value) => value;

        public static float Round(float value, ulong key, int index) => value;

        public static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);
    }

    public readonly struct BFloat16Format : IScalarFormat<BFloat16>
    {
        public static float Widen(BFloat16 value) => value;

        public static BFloat16 Round(float value, ulong key, int index) => StochasticRounding.ToBFloat16(value, key, index);

        public static uint Bits(BFloat16 value) => value.Bits;
    }

    public readonly struct HalfFormat : IScalarFormat<Half>
    {
        public static float Widen(Half value) => (float)value;

        public static Half Round(float value, ulong key, int index) => StochasticRounding.ToHalf(value, key, index);

        public static uint Bits(Half value) => BitConverter.HalfToUInt16Bits(value);
    }

    /// <summary>One parameter set: θ, g and one state buffer.</summary>
    private sealed class Set<TData, TDataFormat, TState, TStateFormat>
        where TData : unmanaged
        where TDataFormat : IScalarFormat<TData>
        where TState : unmanaged
        where TStateFormat : IScalarFormat<TState>
    {
        private readonly TData[] _parameter;
        private readonly TData[] _gradient;
        private readonly TState[] _state;

        private Set(TData[] parameter, TData[] gradient, TState[] state)
        {
            _parameter = parameter;
            _gradient = gradient;
            _state = state;
        }

        /// <summary>
        /// θ and g finite, the state anything (NaN payloads and ±∞ included); values from the boundary list, near
        /// the types' largest finite values (so some updates overflow), subnormals and ordinary magnitudes.
        /// </summary>
        public Set(Random random, int length)
            : this(new TData[length], new TData[length], new TState[length])
        {
            for (int i = 0; i < length; i++)
            {
                _parameter[i] = TDataFormat.Round(Finite(random, i), 0, i);
                _gradient[i] = TDataFormat.Round(Finite(random, i + 1), 0, i);
                _state[i] = TStateFormat.Round(Value(random, i), 0, i);
            }
        }

        public Set<TData, TDataFormat, TState, TStateFormat> Clone() =>
            new((TData[])_parameter.Clone(), (TData[])_gradient.Clone(), (TState[])_state.Clone());

        /// <summary>The set after one step of <typeparamref name="TRule"/>, element by element in scalar code.</summary>
        public Set<TData, TDataFormat, TState, TStateFormat> Reference<TRule>(RoundingKeys keys)
            where TRule : IScalarRule
        {
            Set<TData, TDataFormat, TState, TStateFormat> next = Clone();
            for (int i = 0; i < _parameter.Length; i++)
            {
                float p = TDataFormat.Widen(_parameter[i]), x = TStateFormat.Widen(_state[i]);
                TRule.Update(ref p, TDataFormat.Widen(_gradient[i]), ref x);
                next._parameter[i] = TDataFormat.Round(p, keys.Parameter, i);
                next._state[i] = TStateFormat.Round(x, keys.State0, i);
            }

            return next;
        }

        /// <summary>One step through the driver: <c>Run</c>, or <c>RunParallel</c> with the given degree.</summary>
        public void Run<TRule, TDataStorage, TStateStorage>(RoundingKeys keys, int? maxDegreeOfParallelism)
            where TRule : struct, IWideUpdate<NoScalars>, IPreferredUpdate<NoScalars>
            where TDataStorage : struct, IStorage<TData>
            where TStateStorage : struct, IStorage<TState>
        {
            var streams = new Streams<TData, TData, TState>(
                ref _parameter[0], in _gradient[0], ref _state[0], ref Unsafe.NullRef<TState>(),
                ref Unsafe.NullRef<TState>(), ref Unsafe.NullRef<TState>(), keys);
            var scalars = default(NoScalars);
            if (maxDegreeOfParallelism is int degree)
            {
                ElementwiseDriver.RunParallel<TRule, TRule, NoScalars, TData, TDataStorage, TData, TDataStorage, TState, TStateStorage>(
                    in scalars, in streams, _parameter.Length, degree);
            }
            else
            {
                ElementwiseDriver.Run<TRule, TRule, NoScalars, TData, TDataStorage, TData, TDataStorage, TState, TStateStorage>(
                    in scalars, in streams, _parameter.Length);
            }
        }

        public void AssertEqual(Set<TData, TDataFormat, TState, TStateFormat> expected, string where)
        {
            for (int i = 0; i < _parameter.Length; i++)
            {
                Check("θ", TDataFormat.Bits(expected._parameter[i]), TDataFormat.Bits(_parameter[i]), i);
                Check("state", TStateFormat.Bits(expected._state[i]), TStateFormat.Bits(_state[i]), i);
                Check("g", TDataFormat.Bits(expected._gradient[i]), TDataFormat.Bits(_gradient[i]), i);
            }

            void Check(string what, uint wanted, uint actual, int index)
            {
                if (wanted != actual)
                {
                    Assert.Fail($"{where}, {what} of element {index}: expected 0x{wanted:X}, got 0x{actual:X}");
                }
            }
        }

        private static float Finite(Random random, int i)
        {
            float value = Value(random, i);
            return float.IsFinite(value) ? value : MathF.ScaleB(random.NextSingle() - 0.5f, random.Next(-10, 10));
        }

        private static float Value(Random random, int i) => (i % 5) switch
        {
            0 => MathF.ScaleB(random.NextSingle() - 0.5f, random.Next(-8, 8)),
            1 => MathF.ScaleB(1f + random.NextSingle(), random.Next(-149, -100)) * (random.Next(2) == 0 ? 1 : -1),
            2 => (random.Next(2) == 0 ? 1f : -1f) * (random.Next(2) == 0 ? 65504f - random.Next(64) : 3.38e38f - (random.NextSingle() * 1e36f)),
            _ => StochasticRoundingTests.RandomFloat(random, i),
        };
    }
}
