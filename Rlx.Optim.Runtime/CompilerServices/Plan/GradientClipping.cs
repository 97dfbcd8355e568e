using System.ComponentModel;

namespace Rlx.Optim.CompilerServices;

/// <summary>Clipping to a global norm, by the rule of PyTorch's <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientClipping
{
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
