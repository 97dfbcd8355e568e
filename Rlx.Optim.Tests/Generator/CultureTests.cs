using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// The generated source and the diagnostics' messages do not depend on the culture the build runs under: the same
/// text under the invariant culture and under cultures that write a decimal comma, a minus sign U+2212, Arabic
/// digits or Turkish casing.
/// </summary>
public sealed class CultureTests
{
    private static readonly string[] s_cultures = ["fi-FI", "de-DE", "ar-SA", "fa-IR", "tr-TR", "hi-IN"];

    public static TheoryData<string> Declarations() => new()
    {
        """
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamWOptimizer(LearningRate = 1.5e-3, Beta1 = 0.85, Beta2 = 0.9995, Epsilon = 1e-7, WeightDecay = 0.0125, MaxGradientNorm = 0.75, RoundingSeed = 1234567)]
        public partial class Illinois
        {
            [Parameter(1536, 768, Name = "h.10.attn.c_attn.weight", LearningRateScale = 0.25)] public partial void StepIndigo(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
            [Parameter(768, WeightDecay = 0, Beta2 = 0.95)] public partial void StepIris(Span<Half> bias, ReadOnlySpan<Half> gradient);
        }
        """,
        """
        using System;
        using Rlx.Optim;

        [AdafactorOptimizer(Beta2Decay = -0.65, ClippingThreshold = 1.5, Epsilon1 = 1e-31, Epsilon2 = 2.5e-3, WeightDecay = 0.5, MasterWeights = true)]
        public partial class Factored
        {
            [Parameter(96, 40)] public partial void StepI(Span<BFloat16> w, ReadOnlySpan<float> g);
        }

        [ScheduleFreeAdamWOptimizer(WeightLrPower = 2.5, WarmupSteps = 1000, Precision = OptimizerPrecision.Double)]
        public partial class Free
        {
            [Parameter(64, Beta1 = 0.925)] public partial void StepI(Span<float> w, ReadOnlySpan<float> g);
        }
        """,
        // Invalid: the messages quote negative and fractional values.
        """
        using System;
        using Rlx.Optim;

        [AdamOptimizer(LearningRate = -1.5e-3, Beta1 = 1.25, WeightDecay = -0.5)]
        public partial class Invalid
        {
            [Parameter(4, -8)] public partial void StepI(Span<float> w, ReadOnlySpan<float> g);
            [Parameter(65536, 65536)] public partial void StepHuge(Span<float> w, ReadOnlySpan<float> g);
        }
        """,
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public async Task Generated_source_and_messages_are_the_same_in_every_culture(string declaration)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string expected = await OutputAsync(declaration);
            if (declaration.Contains("class Invalid", System.StringComparison.Ordinal))
            {
                Assert.Contains("RLXO0005", expected, System.StringComparison.Ordinal);
            }

            foreach (string name in s_cultures)
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                Assert.Equal(expected, await OutputAsync(declaration));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>Every generated file's text, then every diagnostic's ID, place and message.</summary>
    private static async Task<string> OutputAsync(string declaration)
    {
        (_, GeneratorRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(declaration));
        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.AnalyzeAsync(declaration);
        return string.Join("\n", result.GeneratedSources.Select(s => $"// {s.HintName}\n{s.SourceText}"))
            + string.Join("\n", diagnostics.Select(d => $"{d.Id} {d.Location.SourceSpan} {d.GetMessage(CultureInfo.InvariantCulture)}"));
    }
}
