using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Rlx.Optim;

/// <summary>
/// What the schedules share: the checks of their arguments and of the step, the milestone search, and the numbers in
/// their descriptions.
/// </summary>
internal static class ScheduleArguments
{
    /// <summary>Throws unless <paramref name="step"/> is 0 or more; allocation-free when it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckStep(long step)
    {
        if (step < 0)
        {
            ThrowNegativeStep(step);
        }
    }

    /// <summary>A learning rate: finite and not negative, as the optimizers' run-time <c>LearningRate</c> requires.</summary>
    public static void CheckRate(double rate, string paramName)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, rate, "A learning rate must be finite and not negative.");
        }
    }

    /// <summary>A number of steps of at least 1.</summary>
    public static void CheckSteps(long steps, string paramName)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, steps, "The number of steps must be at least 1.");
        }
    }

    /// <summary>A decay's multiplicative factor, in (0, 1].</summary>
    public static void CheckGamma(double gamma, string paramName)
    {
        if (!(gamma > 0 && gamma <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, gamma, "A decay factor must be in (0, 1]: above 1 the rate would grow without bound.");
        }
    }

    /// <summary>A factor of the peak rate, in [0, 1].</summary>
    public static void CheckFactor(double factor, string paramName)
    {
        if (!(factor >= 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, factor, "The factor must be in [0, 1].");
        }
    }

    /// <summary>
    /// A copy of <paramref name="steps"/>, which must be positive and strictly increasing (and, when
    /// <paramref name="expectedCount"/> is given, that many).
    /// </summary>
    public static long[] CheckIncreasingSteps(IEnumerable<long> steps, string paramName, string what, int expectedCount = -1)
    {
        ArgumentNullException.ThrowIfNull(steps, paramName);
        long[] copy = [.. steps];
        if (expectedCount >= 0 && copy.Length != expectedCount)
        {
            throw new ArgumentException($"The {what} must be one fewer than the schedules: expected {expectedCount}, got {copy.Length}.", paramName);
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] < 1)
            {
                throw new ArgumentException($"The {what} must be positive steps; [{i}] is {copy[i]}.", paramName);
            }

            if (i > 0 && copy[i] <= copy[i - 1])
            {
                throw new ArgumentException($"The {what} must be strictly increasing; [{i}] = {copy[i]} follows {copy[i - 1]}.", paramName);
            }
        }

        return copy;
    }

    /// <summary>
    /// How many of <paramref name="sorted"/> (strictly increasing) are at most <paramref name="step"/>: Python's
    /// <c>bisect_right</c>, as PyTorch's MultiStepLR and SequentialLR use it.
    /// </summary>
    public static int CountAtOrBelow(long[] sorted, long step)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] <= step)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A number as the descriptions print it: the shortest text that reads back to it, invariant, Python's <c>1e-05</c> style.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');

    /// <summary>A whole number as the descriptions print it.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegativeStep(long step) =>
        throw new ArgumentOutOfRangeException(
            nameof(step), step, "The step counts the optimizer steps already taken (0 for the first step); it cannot be negative.");
}
