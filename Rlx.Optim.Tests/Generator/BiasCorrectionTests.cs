using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// The step from which the generated <c>Prepare</c> stops computing βᵗ: from there on 1 − βᵗ must be exactly 1 in
/// double (so skipping the power changes no bit), and that step must not be needlessly late.
/// </summary>
public sealed partial class BiasCorrectionTests
{
    public static TheoryData<double> Betas() =>
        [0.0, 0.5, 0.8, 0.875, 0.9, 0.95, 0.99, 0.998046875, 0.999, 0.999f, 0.9999, 0.99999, 0.99999994f /* the largest float below 1 */];

    [Theory]
    [MemberData(nameof(Betas))]
    public void From_the_written_step_on_one_minus_the_power_is_exactly_one(double beta)
    {
        long saturation = SaturationStepWrittenFor(beta);

        foreach (long t in new[] { saturation, saturation + 1, saturation + 2, 2 * saturation, 10 * saturation, 1L << 40 })
        {
            Assert.Equal(1.0, 1.0 - Math.Pow(beta, t));
        }
    }

    [Theory]
    [MemberData(nameof(Betas))]
    public void The_written_step_is_within_a_few_percent_of_the_last_step_the_power_still_moves(double beta)
    {
        long saturation = SaturationStepWrittenFor(beta);
        if (beta == 0.0)
        {
            Assert.Equal(1, saturation); // 0ᵗ = 0 from the first step
            return;
        }

        // βᵗ ≥ 2⁻⁵³ still moves 1 − βᵗ; such a step lies 53/55 of the way to a saturation step at 2⁻⁵⁵.
        long stillMoving = (long)Math.Floor((saturation - 2) * 53.0 / 55.0);
        Assert.NotEqual(1.0, 1.0 - Math.Pow(beta, stillMoving));
    }

    /// <summary>The step the generated float Adam's <c>Prepare</c> compares t with before β₁ᵗ.</summary>
    private static long SaturationStepWrittenFor(double beta1)
    {
        Match match = SaturatedBiasCorrection().Match(GeneratedFor(beta1));
        Assert.True(match.Success, $"No saturated bias correction was written for β₁ = {beta1:R}.");
        return long.Parse(match.Groups["step"].Value, CultureInfo.InvariantCulture);
    }

    private static string GeneratedFor(double beta1)
    {
        string source = $$"""
            using Rlx.Optim;
            [AdamOptimizer(Beta1 = {{beta1.ToString("R", CultureInfo.InvariantCulture)}})]
            public partial class Probe { }
            """;
        return GeneratorHarness.GenerateAndCompile(source).Single().SourceText.ToString();
    }

    [GeneratedRegex(@"double biasCorrection1 = t < (?<step>\d+) \? 1\.0 - Math\.Pow\(")]
    private static partial Regex SaturatedBiasCorrection();
}
