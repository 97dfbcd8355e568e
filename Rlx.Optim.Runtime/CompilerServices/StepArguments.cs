using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.CompilerServices;

/// <summary>Run-time checks of a step's arguments, made before any state changes. Generated code calls them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StepArguments
{
    /// <summary>Checks that both spans hold <paramref name="expectedLength"/> elements and do not overlap.</summary>
    /// <exception cref="ArgumentException">They do not; the message names the set and both lengths.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Validate(
        string setName,
        int expectedLength,
        ReadOnlySpan<float> parameter,
        ReadOnlySpan<float> gradient,
        [CallerArgumentExpression(nameof(parameter))] string parameterName = "parameter",
        [CallerArgumentExpression(nameof(gradient))] string gradientName = "gradient") =>
        Check(setName, expectedLength, parameter, gradient, parameterName, gradientName);

    /// <summary>
    /// <see cref="Validate(string, int, ReadOnlySpan{float}, ReadOnlySpan{float}, string, string)"/> for spans of
    /// other element types (16-bit parameters, a float gradient): lengths in elements, overlap in bytes.
    /// </summary>
    /// <exception cref="ArgumentException">They do not; the message names the set and both lengths.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ValidateSpans<TParameter, TGradient>(
        string setName,
        int expectedLength,
        Span<TParameter> parameter,
        ReadOnlySpan<TGradient> gradient,
        [CallerArgumentExpression(nameof(parameter))] string parameterName = "parameter",
        [CallerArgumentExpression(nameof(gradient))] string gradientName = "gradient")
        where TParameter : unmanaged
        where TGradient : unmanaged =>
        Check(setName, expectedLength, (ReadOnlySpan<TParameter>)parameter, gradient, parameterName, gradientName);

    /// <summary>Both checks' one body: lengths in elements, overlap in bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check<TParameter, TGradient>(
        string setName,
        int expectedLength,
        ReadOnlySpan<TParameter> parameter,
        ReadOnlySpan<TGradient> gradient,
        string parameterName,
        string gradientName)
        where TParameter : unmanaged
        where TGradient : unmanaged
    {
        if (parameter.Length != expectedLength)
        {
            ThrowWrongLength(setName, "parameter", parameterName, expectedLength, parameter.Length);
        }

        if (gradient.Length != expectedLength)
        {
            ThrowWrongLength(setName, "gradient", gradientName, expectedLength, gradient.Length);
        }

        if (MemoryMarshal.AsBytes(parameter).Overlaps(MemoryMarshal.AsBytes(gradient)))
        {
            ThrowOverlap(setName, gradientName);
        }
    }

    /// <summary>Checks a learning rate set at run time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is negative or not finite.</exception>
    public static float LearningRate(float value)
    {
        if (!float.IsFinite(value) || value < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(IOptimizer.LearningRate), value, "The learning rate must be finite and not negative.");
        }

        return value;
    }

    /// <summary>Checks a degree of parallelism set at run time: -1 (all cores) or at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is 0 or below -1.</exception>
    public static int MaxDegreeOfParallelism(int value)
    {
        if (value is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(IOptimizer.MaxDegreeOfParallelism), value, "Use -1 for all cores, or a positive number of cores.");
        }

        return value;
    }

    /// <summary>Checks a learning rate set at run time, which only an optimizer without a schedule takes.</summary>
    /// <exception cref="InvalidOperationException">A schedule is attached: it gives every step's rate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, NaN or infinite.</exception>
    public static float LearningRate(float value, LearningRateSchedule? schedule)
    {
        if (schedule is not null)
        {
            throw new InvalidOperationException(
                $"A learning-rate schedule is attached ({schedule}): it gives every step's rate. Set LearningRateSchedule to null first.");
        }

        return LearningRate(value);
    }

    /// <summary>
    /// The rate of the step after <paramref name="stepCount"/> steps: the one <paramref name="schedule"/> gives, checked,
    /// or <paramref name="learningRate"/> without a schedule.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schedule gave a negative, NaN or infinite rate. Nothing was updated.</exception>
    public static double RateOfStep(LearningRateSchedule? schedule, float learningRate, long stepCount)
    {
        if (schedule is null)
        {
            return learningRate;
        }

        double rate = schedule.RateAt(stepCount);
        if (!double.IsFinite(rate) || rate < 0 || !float.IsFinite((float)rate))
        {
            throw new InvalidOperationException(
                $"The learning-rate schedule ({schedule}) gave {rate} for step {stepCount + 1}: a rate must be finite and not negative. Nothing was updated.");
        }

        return rate;
    }

    /// <summary>Checks that a whole step by name names each set once.</summary>
    /// <exception cref="ArgumentException">A name is null or repeated. Nothing was updated.</exception>
    public static void UniqueNames(ReadOnlySpan<NamedParameter> parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(parameters[i].Name, nameof(parameters));
            for (int j = 0; j < i; j++)
            {
                if (string.Equals(parameters[i].Name, parameters[j].Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException(
                        $"Parameter set '{parameters[i].Name}' appears twice in one step (entries {j} and {i}). Nothing was updated.",
                        nameof(parameters));
                }
            }
        }
    }

    /// <summary>Checks a clipping norm set at run time: null (no clipping), or finite and greater than 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is 0, negative, NaN or infinite.</exception>
    public static float? MaxGradientNorm(float? value)
    {
        if (value is { } norm && !(float.IsFinite(norm) && norm > 0f))
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxGradientNorm), norm, "The clipping norm must be finite and greater than 0; null does not clip.");
        }

        return value;
    }

    /// <summary>
    /// Refuses a step of one set while clipping or the non-finite check is on: both need every gradient of the step
    /// at once, which only <c>StepAll</c> has.
    /// </summary>
    /// <exception cref="InvalidOperationException">Clipping or the non-finite check is on. Nothing was updated.</exception>
    public static void SingleSet(float? maxGradientNorm, bool skipNonFiniteSteps)
    {
        if (maxGradientNorm.HasValue || skipNonFiniteSteps)
        {
            throw new InvalidOperationException(
                "MaxGradientNorm and SkipNonFiniteSteps need every gradient of the step: call StepAll (declared sets) "
                + "or StepAll(ReadOnlySpan<NamedParameter>) (sets by name) instead of stepping one set. Nothing was updated.");
        }
    }

    private static void ThrowWrongLength(string setName, string role, string argumentName, int expected, int actual) =>
        throw new ArgumentException(
            $"Parameter set '{setName}' has {expected} elements, but the {role} span has {actual}. Nothing was updated.",
            argumentName);

    private static void ThrowOverlap(string setName, string argumentName) =>
        throw new ArgumentException(
            $"Parameter set '{setName}': the gradient span overlaps the parameter span. Nothing was updated.",
            argumentName);
}
