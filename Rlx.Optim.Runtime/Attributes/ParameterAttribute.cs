using System;

namespace Rlx.Optim;

/// <summary>
/// Declares one parameter set (a tensor) of a generated optimizer on a partial method
/// <c>void StepX(Span&lt;float&gt; parameter, ReadOnlySpan&lt;float&gt; gradient)</c>, which the generator implements.
/// </summary>
/// <remarks>
/// The hyperparameter properties override the optimizer's for this set only (a per-group setting, as for biases and
/// norms); a property left unset inherits the optimizer's value. Reading an unset property returns <see cref="double.NaN"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>Declares a parameter set of the given shape; its length is the product of the dimensions.</summary>
    /// <param name="shape">The dimensions, each positive. None declares a scalar (one element).</param>
    public ParameterAttribute(params int[] shape)
    {
        Shape = shape ?? Array.Empty<int>();
    }

    /// <summary>The declared dimensions.</summary>
    public int[] Shape { get; }

    /// <summary>
    /// The set's name in <see cref="IOptimizer.Step"/>, in <see cref="IOptimizer.States"/> and in checkpoints.
    /// Default: the method's name without a leading <c>Step</c>, first letter lower-cased (<c>StepW1</c> is <c>w1</c>).
    /// </summary>
    public string? Name { get; set; }

    /// <summary>Overrides β₁ for this set.</summary>
    public double Beta1 { get; set; } = double.NaN;

    /// <summary>Overrides β₂ for this set.</summary>
    public double Beta2 { get; set; } = double.NaN;

    /// <summary>Overrides RMSprop's smoothing constant α for this set.</summary>
    public double Alpha { get; set; } = double.NaN;

    /// <summary>Overrides ε for this set.</summary>
    public double Epsilon { get; set; } = double.NaN;

    /// <summary>
    /// Multiplies the learning rate for this set (layer-wise learning rates; 0 freezes the set's parameter while its
    /// state still follows the gradients, as a PyTorch parameter group with lr = 0 does). Finite and ≥ 0; default 1.
    /// </summary>
    public double LearningRateScale { get; set; } = double.NaN;

    /// <summary>Overrides the weight decay λ for this set (commonly 0 for biases and norms).</summary>
    public double WeightDecay { get; set; } = double.NaN;
}
