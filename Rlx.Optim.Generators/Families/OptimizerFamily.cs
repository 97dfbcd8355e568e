using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Families;

/// <summary>
/// One optimizer attribute and what it declares: its kind, the name checkpoints record, its defaults (the runtime's,
/// from the same linked source) and the settings it accepts, in the order checkpoints record them.
/// </summary>
internal sealed class OptimizerFamily
{
    private OptimizerFamily(
        OptimizerKind kind,
        string attributeName,
        string checkpointKind,
        string displayName,
        double learningRate,
        KernelSpec defaults,
        params Setting[] settings)
    {
        Kind = kind;
        AttributeMetadataName = "Rlx.Optim." + attributeName + "Attribute";
        AttributeName = attributeName;
        CheckpointKind = checkpointKind;
        DisplayName = displayName;
        LearningRate = learningRate;
        Defaults = defaults;
        Settings = ImmutableArray.Create(settings);
    }

    public OptimizerKind Kind { get; }

    /// <summary>The attribute's fully qualified metadata name.</summary>
    public string AttributeMetadataName { get; }

    /// <summary>The attribute as written, e.g. <c>AdamOptimizer</c>.</summary>
    public string AttributeName { get; }

    /// <summary>The kind checkpoints record, e.g. <c>adamw</c>.</summary>
    public string CheckpointKind { get; }

    /// <summary>The algorithm's name in prose and comments, e.g. <c>AdamW</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The default of the run-time learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>The kernel an attribute with no arguments folds.</summary>
    public KernelSpec Defaults { get; }

    /// <summary>The folded settings the attribute accepts, in checkpoint order.</summary>
    public ImmutableArray<Setting> Settings { get; }

    public static readonly ImmutableArray<OptimizerFamily> All = ImmutableArray.Create(
        new OptimizerFamily(
            OptimizerKind.Adam, "AdamOptimizer", "adam", "Adam", AdamDefaults.LearningRate,
            Kernel(AdamDefaults.Beta1, AdamDefaults.Beta2, AdamDefaults.Epsilon, AdamDefaults.WeightDecay),
            Setting.Beta1, Setting.Beta2, Setting.Epsilon, Setting.WeightDecay, Setting.AmsGrad, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.AdamW, "AdamWOptimizer", "adamw", "AdamW", AdamWDefaults.LearningRate,
            Kernel(AdamWDefaults.Beta1, AdamWDefaults.Beta2, AdamWDefaults.Epsilon, AdamWDefaults.WeightDecay) with { DecoupledWeightDecay = true },
            Setting.Beta1, Setting.Beta2, Setting.Epsilon, Setting.WeightDecay, Setting.AmsGrad, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.NAdam, "NAdamOptimizer", "nadam", "NAdam", NAdamDefaults.LearningRate,
            Kernel(NAdamDefaults.Beta1, NAdamDefaults.Beta2, NAdamDefaults.Epsilon, NAdamDefaults.WeightDecay) with { MomentumDecay = NAdamDefaults.MomentumDecay },
            Setting.Beta1, Setting.Beta2, Setting.Epsilon, Setting.WeightDecay, Setting.MomentumDecay, Setting.DecoupledWeightDecay, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.RAdam, "RAdamOptimizer", "radam", "RAdam", RAdamDefaults.LearningRate,
            Kernel(RAdamDefaults.Beta1, RAdamDefaults.Beta2, RAdamDefaults.Epsilon, RAdamDefaults.WeightDecay),
            Setting.Beta1, Setting.Beta2, Setting.Epsilon, Setting.WeightDecay, Setting.DecoupledWeightDecay, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.Adamax, "AdamaxOptimizer", "adamax", "Adamax", AdamaxDefaults.LearningRate,
            Kernel(AdamaxDefaults.Beta1, AdamaxDefaults.Beta2, AdamaxDefaults.Epsilon, AdamaxDefaults.WeightDecay),
            Setting.Beta1, Setting.Beta2, Setting.Epsilon, Setting.WeightDecay, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.Lion, "LionOptimizer", "lion", "Lion", LionDefaults.LearningRate,
            Kernel(LionDefaults.Beta1, LionDefaults.Beta2, 0, LionDefaults.WeightDecay) with { DecoupledWeightDecay = true },
            Setting.ClosedBeta1, Setting.ClosedBeta2, Setting.WeightDecay, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.Sgd, "SgdOptimizer", "sgd", "SGD", SgdDefaults.LearningRate,
            Kernel(0, 0, 0, SgdDefaults.WeightDecay) with { Momentum = SgdDefaults.Momentum, Dampening = SgdDefaults.Dampening },
            Setting.Momentum, Setting.Dampening, Setting.WeightDecay, Setting.Nesterov, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.Adagrad, "AdagradOptimizer", "adagrad", "Adagrad", AdagradDefaults.LearningRate,
            Kernel(0, 0, AdagradDefaults.Epsilon, AdagradDefaults.WeightDecay) with
            {
                LearningRateDecay = AdagradDefaults.LearningRateDecay, InitialAccumulatorValue = AdagradDefaults.InitialAccumulatorValue,
            },
            Setting.LearningRateDecay, Setting.WeightDecay, Setting.InitialAccumulatorValue, Setting.Epsilon, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.RMSprop, "RMSpropOptimizer", "rmsprop", "RMSprop", RMSpropDefaults.LearningRate,
            Kernel(0, 0, RMSpropDefaults.Epsilon, RMSpropDefaults.WeightDecay) with { Alpha = RMSpropDefaults.Alpha, Momentum = RMSpropDefaults.Momentum },
            Setting.Alpha, Setting.Epsilon, Setting.WeightDecay, Setting.Momentum, Setting.Centered, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.Adafactor, "AdafactorOptimizer", "adafactor", "Adafactor", AdafactorDefaults.LearningRate,
            Kernel(0, 0, AdafactorDefaults.Epsilon1, AdafactorDefaults.WeightDecay) with
            {
                DecoupledWeightDecay = true, Beta2Decay = AdafactorDefaults.Beta2Decay, Epsilon2 = AdafactorDefaults.Epsilon2,
                ClippingThreshold = AdafactorDefaults.ClippingThreshold,
            },
            Setting.Beta2Decay, Setting.Epsilon1, Setting.Epsilon2, Setting.ClippingThreshold, Setting.WeightDecay, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.Lamb, "LambOptimizer", "lamb", "LAMB", LambDefaults.LearningRate,
            Kernel(LambDefaults.Beta1, LambDefaults.Beta2, LambDefaults.Epsilon, LambDefaults.WeightDecay) with { EpsilonRoot = LambDefaults.EpsilonRoot },
            Setting.Beta1, Setting.Beta2, Setting.Epsilon, Setting.EpsilonRoot, Setting.WeightDecay, Setting.Maximize),
        new OptimizerFamily(
            OptimizerKind.ScheduleFreeAdamW, "ScheduleFreeAdamWOptimizer", "schedule_free_adamw", "Schedule-Free AdamW",
            ScheduleFreeAdamWDefaults.LearningRate,
            Kernel(ScheduleFreeAdamWDefaults.Beta1, ScheduleFreeAdamWDefaults.Beta2, ScheduleFreeAdamWDefaults.Epsilon, ScheduleFreeAdamWDefaults.WeightDecay) with
            {
                WeightLrPower = ScheduleFreeAdamWDefaults.WeightLrPower, WarmupSteps = ScheduleFreeAdamWDefaults.WarmupSteps,
            },
            Setting.OpenBeta1, Setting.Beta2, Setting.Epsilon, Setting.WeightDecay, Setting.WeightLrPower, Setting.WarmupSteps, Setting.Maximize));

    public static OptimizerFamily For(OptimizerKind kind) => All[(int)kind];

    /// <summary>The family whose attribute has this metadata name, or null.</summary>
    public static OptimizerFamily? ForAttribute(string metadataName)
    {
        foreach (OptimizerFamily family in All)
        {
            if (family.AttributeMetadataName == metadataName)
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>The families of <paramref name="type"/>'s optimizer attributes, in the order they are written.</summary>
    public static IEnumerable<OptimizerFamily> On(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && ForAttribute(attributeClass.ToDisplayString()) is { } family)
            {
                yield return family;
            }
        }
    }

    /// <summary>Whether <paramref name="property"/> is one of this family's settings.</summary>
    public Setting? Find(string property)
    {
        foreach (Setting setting in Settings)
        {
            if (setting.Property == property)
            {
                return setting;
            }
        }

        return null;
    }

    private static KernelSpec Kernel(double beta1, double beta2, double epsilon, double weightDecay) =>
        new(beta1, beta2, epsilon, weightDecay, Momentum: 0, Dampening: 0, MomentumDecay: 0,
            AmsGrad: false, Maximize: false, Nesterov: false, DecoupledWeightDecay: false);
}
