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
        if (!maxGradientNorm.HasValue && !skipNonFinite)
        {
            return true;
        }

        double sum = 0;
        foreach (NamedParameter parameter in parameters)
        {
            sum += SumOfSquares.Of(parameter.Gradient.Span);
        }

        norm = (float)Math.Sqrt(sum);
        if (skipNonFinite && !double.IsFinite(sum))
        {
            return false;
        }

        if (maxGradientNorm is { } max)
        {
            scale = Coefficient(max, norm);
        }

        return true;
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
