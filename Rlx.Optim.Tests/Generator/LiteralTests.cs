using System;
using System.Globalization;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// Folded constants are written as the shortest text that parses back to the same bits, whatever the host: the
/// generator must not change a bit of a kernel, and its output should read like the declaration.
/// </summary>
public sealed class LiteralTests
{
    [Theory]
    [InlineData(0.001, "0.001f")]
    [InlineData(1.0 - 0.999, "0.001f")] // the double 0.0010000000000000009 rounds to the same float as 0.001
    [InlineData(1.0 - 0.9, "0.1f")]
    [InlineData(1e-8, "1e-8f")]
    [InlineData(3e-5, "3e-5f")]
    [InlineData(0.9, "0.9f")]
    [InlineData(1.0, "1f")]
    [InlineData(0.0, "0f")]
    [InlineData(-0.5, "-0.5f")]
    [InlineData(float.MaxValue, "3.4028235e38f")]
    public void Floats_read_as_declared(double declared, string expected) =>
        Assert.Equal(expected, Literal.Float((float)declared));

    [Theory]
    [InlineData(0.9, "0.9")]
    [InlineData(1.0 - 0.9, "0.09999999999999998")] // exact in double: the kernels fold this value, not 0.1
    [InlineData(1e-8, "1e-8")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1998.9999999999982, "1998.9999999999982")]
    [InlineData(1e300, "1e300")]
    public void Doubles_read_as_declared(double value, string expected) =>
        Assert.Equal(expected, Literal.Double(value));

    [Fact]
    public void Every_float_text_round_trips_and_is_no_longer_than_the_runtimes_shortest()
    {
        var random = new Random(12);
        for (int n = 0; n < 200_000; n++)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            if (!float.IsFinite(value))
            {
                continue;
            }

            string text = Literal.Float(value);
            float parsed = float.Parse(text.TrimEnd('f'), CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(parsed));
            Assert.True(Digits(text) <= Digits(value.ToString("R", CultureInfo.InvariantCulture)), text);
        }
    }

    [Fact]
    public void Every_double_text_round_trips_and_is_no_longer_than_the_runtimes_shortest()
    {
        var random = new Random(13);
        for (int n = 0; n < 200_000; n++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (!double.IsFinite(value))
            {
                continue;
            }

            string text = Literal.Double(value);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
            Assert.True(Digits(text) <= Digits(value.ToString("R", CultureInfo.InvariantCulture)), text);
        }
    }

    /// <summary>Significant digits of a number's text (the mantissa's digits, leading zeros dropped).</summary>
    private static int Digits(string text)
    {
        string mantissa = text.Split('e', 'E')[0].TrimEnd('f').Replace("-", "").Replace(".", "").TrimStart('0');
        return mantissa.TrimEnd('0').Length;
    }
}
