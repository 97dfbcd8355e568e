using System;
using Rlx.Optim;

namespace Rlx.Optim.Benchmarks;

/// <summary>The generated Adam in float arithmetic, one declared set per benchmarked size.</summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class SingleAdam
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>The generated Adam in the seed's exact double arithmetic.</summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, Precision = OptimizerPrecision.Double)]
public partial class DoubleAdam
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

// The rest of the family at their defaults (PyTorch's), float arithmetic, the same four sizes.

[AdamOptimizer(AmsGrad = true)]
public partial class AmsGradAdam
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[AdamWOptimizer]
public partial class BenchAdamW
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[NAdamOptimizer]
public partial class BenchNAdam
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[RAdamOptimizer]
public partial class BenchRAdam
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[AdamaxOptimizer]
public partial class BenchAdamax
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[LionOptimizer]
public partial class BenchLion
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[SgdOptimizer(LearningRate = 0.01, Momentum = 0.9)]
public partial class MomentumSgd
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[SgdOptimizer(LearningRate = 0.01)]
public partial class PlainSgd
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[AdagradOptimizer]
public partial class BenchAdagrad
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

[RMSpropOptimizer]
public partial class BenchRMSprop
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>RMSprop with all three buffers: square_avg, momentum_buffer and grad_avg.</summary>
[RMSpropOptimizer(Momentum = 0.9, Centered = true)]
public partial class CenteredMomentumRMSprop
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>Adafactor at PyTorch's defaults, each size a square matrix: row_var and col_var, R + C floats.</summary>
[AdafactorOptimizer]
public partial class FactoredAdafactor
{
    [Parameter(64, 64)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(256, 256)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1024, 1024)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(4096, 4096)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>Adafactor at PyTorch's defaults over vectors: one variance element per parameter.</summary>
[AdafactorOptimizer]
public partial class VectorAdafactor
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>
/// LAMB at Optax's defaults: a measure pass (θ, g, m, v read: 16 bytes an element) before the update (Adam's 28 bytes),
/// 44 bytes an element in all.
/// </summary>
[LambOptimizer]
public partial class BenchLamb
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>Schedule-Free AdamW at Optax's defaults: z and exp_avg_sq, θ read into the update (x stays implicit).</summary>
[ScheduleFreeAdamWOptimizer]
public partial class BenchScheduleFree
{
    [Parameter(4096)] public partial void Step4K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(65536)] public partial void Step64K(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 20)] public partial void Step1M(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

// --bf16-state: SingleAdam's settings with float state and with bfloat16 state, nothing else different. One declared
// set of 16M elements; the GPT-2 small layout's 148 tensors are stepped by name on instances of their own (sets
// created on first use, the same kernel), so no 16M state is allocated beside them.

/// <summary>Adam with float state (28 bytes per element and step).</summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class FloatStateAdam
{
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary>Adam with bfloat16 state (20 bytes per element and step).</summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, StatePrecision = StatePrecision.BFloat16)]
public partial class BFloat16StateAdam
{
    [Parameter(1 << 24)] public partial void Step16M(Span<float> p, ReadOnlySpan<float> g);
}

/// <summary><see cref="FloatStateAdam"/>'s settings, no declared set: every tensor by name.</summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class NamedFloatStateAdam;

/// <summary><see cref="BFloat16StateAdam"/>'s settings, no declared set: every tensor by name.</summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, StatePrecision = StatePrecision.BFloat16)]
public partial class NamedBFloat16StateAdam;
