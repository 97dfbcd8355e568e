using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Tests.Generator;

namespace Rlx.Optim.Tests.Snapshots;

/// <summary>
/// The generated source of representative declarations, reviewed as committed snapshots in <c>_snapshots/</c>.
/// Each one must also compile without a warning.
/// </summary>
public sealed class GeneratedSourceTests
{
    [Fact]
    public void Defaults() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer]
        public partial class DefaultAdam
        {
            [Parameter(10)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void CustomBetas() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(LearningRate = 3e-4, Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6)]
        public partial class TransformerAdam
        {
            [Parameter(512, 512)] public partial void StepAttention(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void WeightDecayOn() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(WeightDecay = 0.01)]
        public partial class DecayingAdam
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void WeightDecayOff() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(WeightDecay = 0)]
        public partial class PlainAdam
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void PerSetOverrides() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, WeightDecay = 0.01)]
        public partial class MlpOptimizer
        {
            [Parameter(784, 128)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(128, WeightDecay = 0)] public partial void StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
            [Parameter(128, 10)] public partial void StepW2(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(10, WeightDecay = 0)] public partial void StepB2(Span<float> bias, ReadOnlySpan<float> gradient);
            [Parameter(128, Name = "norm.gain", Beta2 = 0.99, WeightDecay = 0)] internal partial void StepNorm(Span<float> gain, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void DoublePrecision() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(Precision = OptimizerPrecision.Double, WeightDecay = 0.1)]
        public partial class SeedExactAdam
        {
            [Parameter(64)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(8, WeightDecay = 0)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void LargeAndTinySets() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        public partial class Model
        {
            [AdamOptimizer(ParallelThreshold = 1 << 20)]
            private sealed partial class Optimizer
            {
                [Parameter(4096, 4096)] public partial void StepEmbedding(Span<float> table, ReadOnlySpan<float> gradient);
                [Parameter] public partial void StepTemperature(Span<float> temperature, ReadOnlySpan<float> gradient);
            }
        }
        """);

    [Fact]
    public void NoDeclaredSets() => VerifyGenerated("""
        using Rlx.Optim;

        [AdamOptimizer(LearningRate = 0.01)]
        public partial class NameKeyedAdam
        {
        }
        """);

    [Fact]
    public void AdamAmsGradMaximize() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamOptimizer(AmsGrad = true, Maximize = true, WeightDecay = 0.01)]
        public partial class AscendingAmsGrad
        {
            [Parameter(256)] public partial void StepPolicy(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void AdamW() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamWOptimizer(Beta2 = 0.95)]
        public partial class TransformerAdamW
        {
            [Parameter(512, 512)] public partial void StepAttention(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(512, WeightDecay = 0)] public partial void StepNorm(Span<float> gain, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void NAdam() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [NAdamOptimizer(WeightDecay = 0.01, DecoupledWeightDecay = true)]
        public partial class NesterovAdam
        {
            [Parameter(64, 32)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void RAdam() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [RAdamOptimizer(WeightDecay = 0.01, Precision = OptimizerPrecision.Double)]
        public partial class RectifiedAdam
        {
            [Parameter(64, 32)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void Adamax() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamaxOptimizer]
        public partial class InfinityNormAdam
        {
            [Parameter(1000)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void Lion() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [LionOptimizer(LearningRate = 3e-5, WeightDecay = 0.1)]
        public partial class SignMomentum
        {
            [Parameter(768, 768)] public partial void StepProjection(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(768, WeightDecay = 0)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void SgdNesterov() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [SgdOptimizer(LearningRate = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
        public partial class ResNetSgd
        {
            [Parameter(64, 3, 3, 3)] public partial void StepConv(Span<float> kernel, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public void SgdPlain() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [SgdOptimizer(LearningRate = 0.05, Precision = OptimizerPrecision.Double)]
        public partial class PlainSgd
        {
            [Parameter(10)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>Adagrad: the decayed rate in Prepare, and a sum that starts at its initial accumulator value.</summary>
    [Fact]
    public void Adagrad() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdagradOptimizer(LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1, WeightDecay = 1e-4)]
        public partial class SparseFeatures
        {
            [Parameter(1000, 64)] public partial void StepEmbedding(Span<float> table, ReadOnlySpan<float> gradient);
            [Parameter(64, Epsilon = 1e-8, WeightDecay = 0)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>Adagrad in double arithmetic at PyTorch's defaults: no decay, a sum from 0, as the float state holds it.</summary>
    [Fact]
    public void AdagradDouble() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdagradOptimizer(Precision = OptimizerPrecision.Double)]
        public partial class PlainAdagrad
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>RMSprop with every buffer: centered, momentum, and a per-set α.</summary>
    [Fact]
    public void RMSpropCenteredMomentum() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [RMSpropOptimizer(LearningRate = 1e-3, Momentum = 0.9, Centered = true, WeightDecay = 1e-5)]
        public partial class CenteredRmsProp
        {
            [Parameter(256, 256)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(256, Alpha = 0.9, WeightDecay = 0)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>RMSprop at PyTorch's defaults in double arithmetic, maximizing: one buffer, square_avg.</summary>
    [Fact]
    public void RMSpropDouble() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [RMSpropOptimizer(Maximize = true, Precision = OptimizerPrecision.Double)]
        public partial class PlainRmsProp
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>
    /// Adafactor with decoupled decay: a matrix and a batch of matrices (factored), a vector with its own weight decay
    /// (a second kernel), the description's factored layout, and kernels that fold the settings for the runtime's passes.
    /// </summary>
    [Fact]
    public void Adafactor() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdafactorOptimizer(LearningRate = 0.01, WeightDecay = 0.1, Epsilon2 = 1e-4, ClippingThreshold = 2)]
        public partial class FactoredTransformer
        {
            [Parameter(768, 3072)] public partial void StepFc(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(12, 64, 768)] public partial void StepHeads(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(3072, WeightDecay = 0)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>Adafactor at PyTorch's defaults in double arithmetic, maximizing.</summary>
    [Fact]
    public void AdafactorDouble() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdafactorOptimizer(Maximize = true, Precision = OptimizerPrecision.Double)]
        public partial class PlainAdafactor
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>
    /// LAMB: the trust-ratio interfaces (Direction, WithTrustRatio), one-set calls through the set's plan, a set with its own
    /// β₂ and no decay, ε_root, and a 16-bit set through its master copy.
    /// </summary>
    [Fact]
    public void Lamb() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [LambOptimizer(LearningRate = 2e-3, WeightDecay = 0.01, EpsilonRoot = 1e-12, MasterWeights = true)]
        public partial class BertLamb
        {
            [Parameter(1024, 1024)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(1024, Beta2 = 0.99, WeightDecay = 0)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
            [Parameter(512)] public partial void StepNorm(Span<BFloat16> gain, ReadOnlySpan<BFloat16> gradient);
        }
        """);

    /// <summary>LAMB at Optax's defaults in double arithmetic, maximizing: u and the norms in double.</summary>
    [Fact]
    public void LambDouble() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [LambOptimizer(Maximize = true, Precision = OptimizerPrecision.Double)]
        public partial class PlainLamb
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>
    /// Adafactor with master weights: a bfloat16 matrix and a Half vector through their float copies, a float set beside
    /// them, the kernel's generic runs with the rounding seed and step.
    /// </summary>
    [Fact]
    public void AdafactorMasterWeights() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdafactorOptimizer(MasterWeights = true)]
        public partial class SixteenBitAdafactor
        {
            [Parameter(768, 3072)] public partial void StepFc(Span<BFloat16> weights, ReadOnlySpan<float> gradient);
            [Parameter(768)] public partial void StepBias(Span<Half> bias, ReadOnlySpan<float> gradient);
            [Parameter(64)] public partial void StepScale(Span<float> scale, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>
    /// Adafactor's 16-bit storage without master weights: bfloat16 state, a bfloat16 matrix with its own gradients and
    /// a Half vector with float ones, stepped directly (rounded stochastically) through the kernel's generic runs.
    /// </summary>
    [Fact]
    public void AdafactorSixteenBit() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdafactorOptimizer(StatePrecision = StatePrecision.BFloat16)]
        public partial class RoundedAdafactor
        {
            [Parameter(768, 3072)] public partial void StepFc(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
            [Parameter(768)] public partial void StepBias(Span<Half> bias, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>
    /// Schedule-Free AdamW with decay and a warm-up, and a set with its own β₁ and rate: two kernels, each with its
    /// largest rate and sum of weights (advanced at EndIteration, in checkpoints), and the evaluation members.
    /// </summary>
    [Fact]
    public void ScheduleFree() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [ScheduleFreeAdamWOptimizer(WeightDecay = 0.01, WarmupSteps = 100)]
        public partial class ScheduleFreeNet
        {
            [Parameter(256, 64)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
            [Parameter(64, Beta1 = 0.95, LearningRateScale = 0.5)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>Schedule-Free AdamW at Optax's defaults in double arithmetic, maximizing: θ widened into the update.</summary>
    [Fact]
    public void ScheduleFreeDouble() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [ScheduleFreeAdamWOptimizer(Maximize = true, Precision = OptimizerPrecision.Double)]
        public partial class PlainScheduleFree
        {
            [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>bfloat16 state and 16-bit parameters: the rounding seed, the storages named, the name-keyed refusal.</summary>
    [Fact]
    public void SixteenBit() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [AdamWOptimizer(StatePrecision = StatePrecision.BFloat16, RoundingSeed = 42)]
        public partial class HalfTransformer
        {
            [Parameter(768, 768)] public partial void StepProjection(Span<BFloat16> weights, ReadOnlySpan<BFloat16> gradient);
            [Parameter(768)] public partial void StepNorm(Span<Half> gain, ReadOnlySpan<float> gradient);
            [Parameter(768)] public partial void StepBias(Span<float> bias, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>Master weights: the 16-bit set's description keeps a copy, and its call goes through it.</summary>
    [Fact]
    public void MasterWeights() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        [LionOptimizer(MasterWeights = true)]
        public partial class MasterLion
        {
            [Parameter(4096)] public partial void StepEmbedding(Span<BFloat16> table, ReadOnlySpan<float> gradient);
        }
        """);

    /// <summary>An invalid declaration: only its partial methods, throwing (see Diagnostics in README).</summary>
    [Fact]
    public void InvalidDeclarationFallback() => VerifyGenerated("""
        using System;
        using Rlx.Optim;

        namespace Demo;

        public partial class Model
        {
            [AdamOptimizer(Beta1 = 1.5)]
            internal partial class BrokenAdam
            {
                [Parameter(784, 128)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
                [Parameter(128)] private partial float StepB1(Span<float> bias, ReadOnlySpan<float> gradient);
            }
        }
        """);

    [Fact]
    public void Keywords_as_namespace_and_class_names_still_compile()
    {
        ImmutableArray<GeneratedSourceResult> generated = GeneratorHarness.GenerateAndCompile("""
            using System;
            using Rlx.Optim;

            namespace @class.@event;

            [AdamOptimizer]
            public partial class @struct
            {
                [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
            }
            """);

        Assert.Equal("class.event.struct.g.cs", Assert.Single(generated).HintName);
    }

    [Fact]
    public void Method_names_that_make_no_identifier_when_shortened_still_compile()
    {
        ImmutableArray<GeneratedSourceResult> generated = GeneratorHarness.GenerateAndCompile("""
            using System;
            using Rlx.Optim;

            [AdamOptimizer]
            public partial class OddNames
            {
                [Parameter(4)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
                [Parameter(4)] public partial void Step(Span<float> p, ReadOnlySpan<float> g);
                [Parameter(4, Name = "step.step")] public partial void StepStep(Span<float> p, ReadOnlySpan<float> g);
                [Parameter(4)] public partial void StepClass(Span<float> @class, ReadOnlySpan<float> @default);
                [Parameter(4, Name = "class.2")] public partial void Class(Span<float> p, ReadOnlySpan<float> g);
                [Parameter(4, Name = "quote\"and\\back\nslash")] public partial void StepOdd(Span<float> p, ReadOnlySpan<float> g);
            }
            """);

        Assert.Single(generated);
    }

    [Fact]
    public void Generated_types_carry_the_generators_name_and_version()
    {
        string text = Assert.Single(GeneratorHarness.GenerateAndCompile("""
            using Rlx.Optim;

            [SgdOptimizer]
            public partial class Versioned
            {
            }
            """)).SourceText.ToString();

        // The description, the scalars and the kernel; the snapshots hold FIXED_VERSION in its place.
        Assert.Equal(3, CountOf(text, GeneratedCodeAttribute(GeneratorVersion)));
    }

    /// <summary>The longest line the snapshots may hold, the emitter's <c>SourceWriter.LineLimit</c>.</summary>
    private const int LineLimit = 120;

    /// <summary>The generator's assembly version, which generated types carry in <c>[GeneratedCode]</c>.</summary>
    private static readonly string GeneratorVersion = typeof(Rlx.Optim.Generators.OptimizerGenerator).Assembly.GetName().Version!.ToString();

    private static void VerifyGenerated(string source, [CallerMemberName] string test = "")
    {
        ImmutableArray<GeneratedSourceResult> generated = GeneratorHarness.GenerateAndCompile(source);
        GeneratedSourceResult file = Assert.Single(generated);
        string text = file.SourceText.ToString();
        AssertLinesWithinLimit(text);

        // Verify's convention: what changes with every release is scrubbed, so the snapshots do not.
        Snapshot.Verify(text.Replace(GeneratedCodeAttribute(GeneratorVersion), GeneratedCodeAttribute("FIXED_VERSION")), file.HintName, testMethod: test);
    }

    private static string GeneratedCodeAttribute(string version) => $"[GeneratedCode(\"Rlx.Optim.Generators\", \"{version}\")]";

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty).Length) / value.Length;

    /// <summary>Every line short enough to read in a side-by-side diff.</summary>
    private static void AssertLinesWithinLimit(string text)
    {
        string[] tooLong = text.Split('\n')
            .Select((line, index) => (Line: line.TrimEnd('\r'), Number: index + 1))
            .Where(l => l.Line.Length > LineLimit)
            .Select(l => $"{l.Number} ({l.Line.Length}): {l.Line.Trim()}")
            .ToArray();
        Assert.True(tooLong.Length == 0, $"Generated lines longer than {LineLimit} characters:\n" + string.Join("\n", tooLong));
    }
}
