using System;
using Rlx.Optim.CompilerServices;
using Xunit;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>The vectorized nearest rounding a master copy is written with gives the scalar conversion's bits.</summary>
public sealed class NearestRoundingTests
{
    [Fact]
    public void EveryLaneIsTheScalarConversion()
    {
        var random = new Random(17);
        float[] values = new float[100_003];
        for (int i = 0; i < values.Length; i++)
        {
            uint bits = (uint)random.Next() << 1 ^ (uint)random.Next(2);
            // Every other value random bits (NaNs, infinities, subnormals included), the rest ties and near-ties.
            values[i] = i % 2 == 0 ? BitConverter.UInt32BitsToSingle(bits) : BitConverter.UInt32BitsToSingle((bits & 0xFFFF_0000u) | (0x8000u + (uint)(i % 3) - 1));
        }

        values[0] = float.MaxValue;
        values[2] = float.PositiveInfinity;
        values[4] = float.NaN;
        values[6] = -0f;
        var actual = new BFloat16[values.Length];
        NearestRounding.ToBFloat16(values, actual);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(actual[i].Bits == ((BFloat16)values[i]).Bits, $"element {i}: {values[i]:R}");
        }

        var halves = new Half[values.Length];
        NearestRounding.ToHalf(values, halves);
        Assert.Equal(Array.ConvertAll(values, v => BitConverter.HalfToUInt16Bits((Half)v)), Array.ConvertAll(halves, BitConverter.HalfToUInt16Bits));
    }
}
