using System;
using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>Clipping to a global norm, by the rule of PyTorch's <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientClipping
{
    /// <summary>
    /// The first pass of a whole step by name: the gradients' global norm (each summed as <see cref="StepPlan"/> sums
    /// a set, the sets in order), whether to take the step, and the factor to scale the gradients by.
    /// </summary>
    /// <returns>False when <paramref name="skipNonFinite"/> is on and a gradient element is NaN or infinite.</returns>
    public static bool Measure(
        ReadOnlySpan<NamedParameter> parameters, float? maxGradientNorm, bool skipNonFinite, out float norm, out float scale)
    {
        scale = 1f;
        norm = float.NaN;
        if (!Measures(maxGradientNorm, skipNonFinite))
        {
            return true;
        }

        double sum = 0;
        foreach (NamedParameter parameter in parameters)
        {
            sum += SumOfSquares.Of(parameter.Gradient.Span);
        }

        return Decide(sum, maxGradientNorm, skipNonFinite, out norm, out scale);
    }

    /// <summary>Whether clipping or the non-finite check needs a first pass over the gradients.</summary>
    internal static bool Measures(float? maxGradientNorm, bool skipNonFinite) => maxGradientNorm.HasValue || skipNonFinite;

    /// <summary>
    /// The first pass's outcome from the gradients' sum of squares: their norm, the factor to scale them by (1 without
    /// clipping), and whether to take the step (not when the check is on and the sum, so some element, is not finite).
    /// </summary>
    internal static bool Decide(double sumOfSquares, float? maxGradientNorm, bool skipNonFinite, out float norm, out float scale)
    {
        norm = (float)Math.Sqrt(sumOfSquares);
        scale = maxGradientNorm is { } max ? Coefficient(max, norm) : 1f;
        return !skipNonFinite || double.IsFinite(sumOfSquares);
    }

    /// <summary>
    /// The factor every gradient element is multiplied by: min(1, max_norm / (norm + 1e-6)) in float, as PyTorch
    /// 1.13 computes it (<c>max_norm / (total_norm + 1e-6)</c> on a float tensor is its reciprocal times max_norm,
    /// then <c>clamp(max=1.0)</c>, which keeps a NaN). A NaN norm gives NaN and an infinite one 0, as there.
    /// </summary>
    public static float Coefficient(float maxNorm, float norm)
    {
        float coefficient = 1f / (norm + 1e-6f) * maxNorm;
        return coefficient > 1f ? 1f : coefficient;
    }
}
