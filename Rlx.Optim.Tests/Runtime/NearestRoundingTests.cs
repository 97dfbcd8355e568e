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

    [Fact]
    public void Every_half_boundary_rounds_as_the_scalar_conversion()
    {
        // Around every finite half h: h itself, the exact midpoint to the next half up (a tie), and the floats one
        // step either side of it; past 65504 the midpoint 65520 (a tie to ∞) and beyond; then ∞, NaN payloads and the
        // float extremes. Both signs, and a length that leaves a scalar tail.
        var values = new System.Collections.Generic.List<float>();
        for (int bits = 0; bits < 0x7C00; bits++)
        {
            float low = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            float high = (float)BitConverter.UInt16BitsToHalf((ushort)(bits + 1));
            float middle = (float)(((double)low + high) / 2);
            values.AddRange([low, middle, MathF.BitDecrement(middle), MathF.BitIncrement(middle)]);
        }

        values.AddRange([65_520f, 65_536f, 1e6f, float.MaxValue, float.PositiveInfinity, float.Epsilon, 1e-30f]);
        values.AddRange([BitConverter.UInt32BitsToSingle(0x7FC0_0000), BitConverter.UInt32BitsToSingle(0x7F80_0001), BitConverter.UInt32BitsToSingle(0x7FBF_E000)]);
        int count = values.Count;
        for (int i = 0; i < count; i++)
        {
            values.Add(-values[i]);
        }

        values.Add(1f / 3);
        float[] source = values.ToArray();
        var actual = new Half[source.Length];
        NearestRounding.ToHalf(source, actual);
        for (int i = 0; i < source.Length; i++)
        {
            ushort expected = BitConverter.HalfToUInt16Bits((Half)source[i]);
            ushort bits = BitConverter.HalfToUInt16Bits(actual[i]);
            Assert.True(bits == expected, $"element {i}: {source[i]:R} ({BitConverter.SingleToUInt32Bits(source[i]):X8}) gave {bits:X4}, not {expected:X4}");
        }
    }
}
