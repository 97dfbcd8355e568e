using System;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>An optimizer declaring the four sets of <see cref="MixedSets"/>, stepped by one process through its <c>StepAll</c>.</summary>
public interface IMixedSets : ICheckpointable
{
    bool StepMixed(MixedSets sets);
}

/// <summary>
/// One process's parameters and gradients of the mixed sets: a bfloat16 set with bfloat16 gradients, a Half set with
/// Half gradients, a float set, and a bfloat16 set with float gradients (ShardAdamW's lengths).
/// </summary>
public sealed class MixedSets
{
    public static readonly int[] Lengths = [15_000, 37, 8_192, 20_001];

    public BFloat16[] A { get; } = new BFloat16[Lengths[0]];
    public BFloat16[] GradientA { get; } = new BFloat16[Lengths[0]];
    public Half[] B { get; } = new Half[Lengths[1]];
    public Half[] GradientB { get; } = new Half[Lengths[1]];
    public float[] C { get; } = new float[Lengths[2]];
    public float[] GradientC { get; } = new float[Lengths[2]];
    public BFloat16[] D { get; } = new BFloat16[Lengths[3]];
    public float[] GradientD { get; } = new float[Lengths[3]];

    /// <summary>Every set's parameters as bit patterns (16-bit values widened to uint).</summary>
    public uint[][] Bits() => [Bits<BFloat16>(A), Bits<Half>(B), Bits<float>(C), Bits<BFloat16>(D)];

    /// <summary>A sharded run's parameters of the mixed sets as bit patterns.</summary>
    public static uint[][] Bits<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable =>
        [Bits<BFloat16>(sharded.Parameter<BFloat16>(0)), Bits<Half>(sharded.Parameter<Half>(1)), Bits<float>(sharded.Parameter<float>(2)), Bits<BFloat16>(sharded.Parameter<BFloat16>(3))];

    /// <summary>Set <paramref name="set"/>'s parameters of a sharded run, as bytes.</summary>
    public static Span<byte> ParameterBytes<T>(ShardedOptimizer<T> sharded, int set)
        where T : class, ICheckpointable =>
        set switch
        {
            0 => MemoryMarshal.AsBytes(sharded.Parameter<BFloat16>(0)),
            1 => MemoryMarshal.AsBytes(sharded.Parameter<Half>(1)),
            2 => MemoryMarshal.AsBytes(sharded.Parameter<float>(2)),
            _ => MemoryMarshal.AsBytes(sharded.Parameter<BFloat16>(3)),
        };

    /// <summary>Every set's parameters at their initial values, each rounded to nearest into its type.</summary>
    public static void Initialize<T>(ShardedOptimizer<T> sharded)
        where T : class, ICheckpointable
    {
        Fill(sharded.Parameter<BFloat16>(0), i => TrainingData.Initial(0, i));
        Fill(sharded.Parameter<Half>(1), i => TrainingData.Initial(1, i));
        Fill(sharded.Parameter<float>(2), i => TrainingData.Initial(2, i));
        Fill(sharded.Parameter<BFloat16>(3), i => TrainingData.Initial(3, i));
    }

    /// <summary>This rank's gradients of step <paramref name="step"/>, each rounded to nearest into its set's gradient type.</summary>
    public static void WriteGradients<T>(ShardedOptimizer<T> sharded, int step, Func<int, int, bool> poisoned)
        where T : class, ICheckpointable
    {
        int rank = sharded.Collectives.Rank;
        Fill(sharded.Gradient<BFloat16>(0), i => poisoned(0, i) ? float.NaN : TrainingData.Gradient(rank, step, 0, i));
        Fill(sharded.Gradient<Half>(1), i => TrainingData.Gradient(rank, step, 1, i));
        Fill(sharded.Gradient<float>(2), i => TrainingData.Gradient(rank, step, 2, i));
        Fill(sharded.Gradient<float>(3), i => TrainingData.Gradient(rank, step, 3, i));
    }

    public static void Fill<TE>(Span<TE> span, Func<int, float> value)
        where TE : unmanaged
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = Round<TE>(value(i));
        }
    }

    /// <summary>A float in <typeparamref name="TE"/>, rounded to nearest (ties to even) by the type's own conversion.</summary>
    public static TE Round<TE>(float value)
        where TE : unmanaged =>
        typeof(TE) == typeof(float) ? (TE)(object)value
        : typeof(TE) == typeof(BFloat16) ? (TE)(object)(BFloat16)value
        : (TE)(object)(Half)value;

    public static float Widen<TE>(TE value)
        where TE : unmanaged =>
        value switch
        {
            float single => single,
            BFloat16 bfloat16 => bfloat16,
            Half half => (float)half,
            _ => throw new NotSupportedException(typeof(TE).Name),
        };

    public static uint[] Bits<TE>(ReadOnlySpan<TE> values)
        where TE : unmanaged
    {
        if (Marshal.SizeOf<TE>() == sizeof(float))
        {
            return MemoryMarshal.Cast<TE, uint>(values).ToArray();
        }

        ReadOnlySpan<ushort> words = MemoryMarshal.Cast<TE, ushort>(values);
        var bits = new uint[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            bits[i] = words[i];
        }

        return bits;
    }
}

