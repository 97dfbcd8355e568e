// One optimizer per clipping golden case and precision, declared as PyTorch's arguments were given: clip_grad_norm_'s
// max_norm as MaxGradientNorm, each parameter group's lr as the set's LearningRateScale. The tests find each class by
// name, Clip{Case}{Precision}, and step it through IStepAllArrays.
using System;
using Rlx.Optim;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>StepAll over arrays in declaration order, so one test replays every case.</summary>
public interface IStepAllArrays
{
    bool StepAll(float[][] parameters, float[][] gradients);
}

[AdamOptimizer(LearningRate = 0.001, MaxGradientNorm = 1.0, Precision = OptimizerPrecision.Single)]
public partial class ClipAdamClipSingle : IStepAllArrays
{
    [Parameter(5000, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamOptimizer(LearningRate = 0.001, MaxGradientNorm = 1.0, Precision = OptimizerPrecision.Double)]
public partial class ClipAdamClipDouble : IStepAllArrays
{
    [Parameter(5000, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, MaxGradientNorm = 1000, Precision = OptimizerPrecision.Single)]
public partial class ClipAdamwClipLooseSingle : IStepAllArrays
{
    [Parameter(300, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamWOptimizer(LearningRate = 0.01, WeightDecay = 0.01, MaxGradientNorm = 1000, Precision = OptimizerPrecision.Double)]
public partial class ClipAdamwClipLooseDouble : IStepAllArrays
{
    [Parameter(300, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(20, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[SgdOptimizer(LearningRate = 0.1, Momentum = 0.9, MaxGradientNorm = 0.5, Precision = OptimizerPrecision.Single)]
public partial class ClipSgdClipSingle : IStepAllArrays
{
    [Parameter(100, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(4100, Name = "v")] public partial void StepV(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[SgdOptimizer(LearningRate = 0.1, Momentum = 0.9, MaxGradientNorm = 0.5, Precision = OptimizerPrecision.Double)]
public partial class ClipSgdClipDouble : IStepAllArrays
{
    [Parameter(100, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(4100, Name = "v")] public partial void StepV(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamOptimizer(LearningRate = 0.01, MaxGradientNorm = 2.0, Precision = OptimizerPrecision.Single)]
public partial class ClipAdamLrScaleClipSingle : IStepAllArrays
{
    [Parameter(64, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(16, Name = "b", LearningRateScale = 0.1)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamOptimizer(LearningRate = 0.01, MaxGradientNorm = 2.0, Precision = OptimizerPrecision.Double)]
public partial class ClipAdamLrScaleClipDouble : IStepAllArrays
{
    [Parameter(64, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(16, Name = "b", LearningRateScale = 0.1)] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Single)]
public partial class ClipAdamLrScaleZeroSingle : IStepAllArrays
{
    [Parameter(64, Name = "w", LearningRateScale = 0)] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(16, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamOptimizer(LearningRate = 0.01, Precision = OptimizerPrecision.Double)]
public partial class ClipAdamLrScaleZeroDouble : IStepAllArrays
{
    [Parameter(64, Name = "w", LearningRateScale = 0)] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(16, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[AdamOptimizer(LearningRate = 0.001, MaxGradientNorm = 1.0, Precision = OptimizerPrecision.Single)]
public partial class ClipAdamClipInfSingle : IStepAllArrays
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0]);
}

[AdamOptimizer(LearningRate = 0.001, MaxGradientNorm = 1.0, Precision = OptimizerPrecision.Double)]
public partial class ClipAdamClipInfDouble : IStepAllArrays
{
    [Parameter(40, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0]);
}

// lamb-clip-v1.json: clip_grad_norm_, then LAMB (make_lamb_goldens.py).

[LambOptimizer(LearningRate = 0.001, WeightDecay = 0.01, MaxGradientNorm = 1.0, Precision = OptimizerPrecision.Single)]
public partial class ClipLambClipSingle : IStepAllArrays
{
    [Parameter(5000, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}

[LambOptimizer(LearningRate = 0.001, WeightDecay = 0.01, MaxGradientNorm = 1.0, Precision = OptimizerPrecision.Double)]
public partial class ClipLambClipDouble : IStepAllArrays
{
    [Parameter(5000, Name = "w")] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
    [Parameter(37, Name = "b")] public partial void StepB(Span<float> parameter, ReadOnlySpan<float> gradient);
    public bool StepAll(float[][] p, float[][] g) => StepAll(p[0], g[0], p[1], g[1]);
}
