using System;
using System.Runtime.InteropServices;
using Rlx.Optim.CompilerServices;
using Xunit;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>The vectorized widening of 16-bit values (master copies, 16-bit gradients summed as floats) is the scalar conversion.</summary>
public sealed class WideningTests
{
    [Fact]
    public void Every_bfloat16_value_widens_to_its_scalar_conversion() =>
        AssertEveryPatternWidens<BFloat16>((values, widened) => Widening.FromBFloat16(values, widened), b => BFloat16.FromBits(b));

    [Fact]
    public void Every_half_value_widens_to_its_scalar_conversion() =>
        AssertEveryPatternWidens<Half>((values, widened) => Widening.FromHalf(values, widened), b => (float)BitConverter.UInt16BitsToHalf(b));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(2_048)]
    [InlineData(2_049)]
    [InlineData(10_007)]
    [InlineData(65_543)]
    public void Sixteen_bit_values_widen_in_place_to_their_scalar_conversions(int length)
    {
        var random = new Random(length);
        var bits = new ushort[length];
        for (int i = 0; i < length; i++)
        {
            bits[i] = (ushort)random.Next(65_536);
        }

        AssertWidensInPlace<BFloat16>(bits, b => BFloat16.FromBits(b));
        AssertWidensInPlace<Half>(bits, b => (float)BitConverter.UInt16BitsToHalf(b));
    }

    private static void AssertWidensInPlace<T>(ushort[] bits, Func<ushort, float> scalar)
        where T : unmanaged
    {
        // The values in the first half of a float buffer of their length, the rest of it garbage.
        var floats = new float[bits.Length];
        Array.Fill(floats, float.NaN);
        bits.CopyTo(MemoryMarshal.Cast<float, ushort>(floats.AsSpan()));

        Widening.InPlace<T>(floats, bits.Length);

        for (int i = 0; i < bits.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToUInt32Bits(floats[i]) == BitConverter.SingleToUInt32Bits(scalar(bits[i])),
                $"{typeof(T).Name} element {i} of {bits.Length}: bits {bits[i]:X4}");
        }
    }

    private delegate void Widen<T>(ReadOnlySpan<T> values, Span<float> widened);

    private static void AssertEveryPatternWidens<T>(Widen<T> widen, Func<ushort, float> scalar)
        where T : unmanaged
    {
        var bits = new ushort[65_536 + 7]; // every bit pattern, then a tail shorter than a vector
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = (ushort)i;
        }

        var widened = new float[bits.Length];
        widen(MemoryMarshal.Cast<ushort, T>(bits), widened);
        for (int i = 0; i < bits.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToUInt32Bits(widened[i]) == BitConverter.SingleToUInt32Bits(scalar(bits[i])),
                $"{typeof(T).Name} bits {bits[i]:X4}");
        }
    }
}
