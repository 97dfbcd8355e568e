using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Sdk;

namespace Rlx.Optim.Tests.Golden;

/// <summary>Comparisons of float tensors against golden bit patterns, with messages that show the first differences, and of single values bit for bit.</summary>
public static class FloatAssert
{
    /// <summary>Every bit equal, NaN payloads and signed zeros included.</summary>
    public static void BitExact(uint[] expected, ReadOnlySpan<float> actual, string what)
    {
        CheckLength(expected, actual, what);
        var failures = new List<string>();
        for (int i = 0; i < expected.Length; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(actual[i]);
            if (bits != expected[i])
            {
                failures.Add(Describe(i, expected[i], actual[i]));
            }
        }

        Fail(failures, what, "bit for bit");
    }

    /// <summary>One value, every bit equal.</summary>
    public static void SameBits(float expected, float actual, string what) =>
        Assert.True(
            BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(actual),
            $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>
    /// The same NaN and ±infinity positions, and for finite values |actual − expected| ≤ 1e-5·max(|expected|, s),
    /// where s is the largest finite |value| of the expected tensor. Values of <paramref name="excepted"/> elements
    /// are not compared (their special-value positions are).
    /// </summary>
    public static void Close(uint[] expected, ReadOnlySpan<float> actual, string what, bool[]? excepted = null, double relative = 1e-5)
    {
        CheckLength(expected, actual, what);
        float[] values = expected.Select(BitConverter.UInt32BitsToSingle).ToArray();
        double scale = values.Where(float.IsFinite).Select(v => (double)Math.Abs(v)).DefaultIfEmpty(0).Max();
        var failures = new List<string>();
        for (int i = 0; i < values.Length; i++)
        {
            float e = values[i];
            float a = actual[i];
            bool samePosition = float.IsNaN(e) ? float.IsNaN(a) : float.IsInfinity(e) ? a == e : float.IsFinite(a);
            bool closeEnough = !float.IsFinite(e) || (excepted?[i] ?? false)
                || Math.Abs((double)a - e) <= relative * Math.Max(Math.Abs((double)e), scale);
            if (!samePosition || !closeEnough)
            {
                failures.Add(Describe(i, expected[i], a));
            }
        }

        Fail(failures, what, $"within {relative:G}·max(|expected|, {scale:G6})");
    }

    private static void CheckLength(uint[] expected, ReadOnlySpan<float> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} elements, got {actual.Length}.");
        }
    }

    private static string Describe(int index, uint expectedBits, float actual) =>
        $"[{index}] expected {BitConverter.UInt32BitsToSingle(expectedBits):R} (0x{expectedBits:X8}), " +
        $"actual {actual:R} (0x{BitConverter.SingleToUInt32Bits(actual):X8})";

    private static void Fail(List<string> failures, string what, string rule)
    {
        if (failures.Count > 0)
        {
            throw new XunitException(
                $"{what}: {failures.Count} element(s) differ ({rule}). First ones:\n  " + string.Join("\n  ", failures.Take(8)));
        }
    }
}
