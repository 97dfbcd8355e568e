using System;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// <c>1 − βᵗ</c> as <c>Prepare</c> writes it: <c>Math.Pow</c> while the power can still move it, and exactly 1 from
/// the step where it no longer can, so a long run stops paying for two powers per step and gets the same bits.
/// </summary>
internal static class BiasCorrection
{
    /// <summary>
    /// Where βᵗ stops mattering: 2⁻⁵⁵. In double, 1 − x rounds to 1 for every x below 2⁻⁵⁴, and a power within a few
    /// units in the last place of a true βᵗ ≤ 2⁻⁵⁵ stays well below that.
    /// </summary>
    private const int NegligibleExponent = 55;

    /// <summary>
    /// The first step from which βᵗ ≤ 2⁻⁵⁵, with a step to spare for the rounding of the logarithms. A β is below
    /// the largest float under 1 (the analyzer's rule), so this is at most about 10⁹, where that rounding is far
    /// below one step.
    /// </summary>
    public static long SaturationStep(double beta)
    {
        if (beta <= 0.0)
        {
            return 1; // 0ᵗ = 0 from the first step
        }

        return (long)Math.Ceiling(NegligibleExponent * Math.Log(2.0) / -Math.Log(beta)) + 1;
    }

    /// <summary>Writes <c>double {variable} = 1 − βᵗ</c>, the power skipped from <see cref="SaturationStep"/> on.</summary>
    public static void Write(SourceWriter writer, string variable, double beta)
    {
        string power = KernelRule.Power(beta);
        long saturation = SaturationStep(beta);
        writer.WriteComment($"From step {saturation} on, {Literal.Double(beta)}ᵗ ≤ 2⁻⁵⁵ and 1 − {Literal.Double(beta)}ᵗ is exactly 1.0 in double.");
        writer.WriteLine($"double {variable} = t < {saturation} ? 1.0 - {power} : 1.0;");
    }
}
