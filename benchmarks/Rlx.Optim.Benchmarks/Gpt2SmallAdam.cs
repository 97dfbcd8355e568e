using System;

namespace Rlx.Optim.Benchmarks;

// Written by a script from BFloat16StateStep.Gpt2SmallLayout (the same names, shapes and order; FirstStep checks
// that they agree at run time), so that --first-step can call the generated StepAll on GPT-2 small's 148 tensors.

/// <summary>
/// <see cref="FloatStateAdam"/>'s settings with GPT-2 small's 148 tensors declared (124,439,808 parameters; the
/// output projection tied to <c>wte</c>): the state of every set is allocated when the optimizer is constructed.
/// </summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class Gpt2SmallAdam
{
    [Parameter(50257, 768, Name = "wte.weight")] public partial void StepWte(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(1024, 768, Name = "wpe.weight")] public partial void StepWpe(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.0.ln_1.weight")] public partial void StepH0Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.0.ln_1.bias")] public partial void StepH0Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.0.attn.c_attn.weight")] public partial void StepH0AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.0.attn.c_attn.bias")] public partial void StepH0AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.0.attn.c_proj.weight")] public partial void StepH0AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.0.attn.c_proj.bias")] public partial void StepH0AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.0.ln_2.weight")] public partial void StepH0Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.0.ln_2.bias")] public partial void StepH0Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.0.mlp.c_fc.weight")] public partial void StepH0FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.0.mlp.c_fc.bias")] public partial void StepH0FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.0.mlp.c_proj.weight")] public partial void StepH0MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.0.mlp.c_proj.bias")] public partial void StepH0MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.1.ln_1.weight")] public partial void StepH1Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.1.ln_1.bias")] public partial void StepH1Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.1.attn.c_attn.weight")] public partial void StepH1AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.1.attn.c_attn.bias")] public partial void StepH1AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.1.attn.c_proj.weight")] public partial void StepH1AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.1.attn.c_proj.bias")] public partial void StepH1AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.1.ln_2.weight")] public partial void StepH1Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.1.ln_2.bias")] public partial void StepH1Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.1.mlp.c_fc.weight")] public partial void StepH1FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.1.mlp.c_fc.bias")] public partial void StepH1FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.1.mlp.c_proj.weight")] public partial void StepH1MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.1.mlp.c_proj.bias")] public partial void StepH1MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.2.ln_1.weight")] public partial void StepH2Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.2.ln_1.bias")] public partial void StepH2Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.2.attn.c_attn.weight")] public partial void StepH2AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.2.attn.c_attn.bias")] public partial void StepH2AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.2.attn.c_proj.weight")] public partial void StepH2AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.2.attn.c_proj.bias")] public partial void StepH2AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.2.ln_2.weight")] public partial void StepH2Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.2.ln_2.bias")] public partial void StepH2Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.2.mlp.c_fc.weight")] public partial void StepH2FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.2.mlp.c_fc.bias")] public partial void StepH2FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.2.mlp.c_proj.weight")] public partial void StepH2MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.2.mlp.c_proj.bias")] public partial void StepH2MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.3.ln_1.weight")] public partial void StepH3Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.3.ln_1.bias")] public partial void StepH3Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.3.attn.c_attn.weight")] public partial void StepH3AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.3.attn.c_attn.bias")] public partial void StepH3AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.3.attn.c_proj.weight")] public partial void StepH3AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.3.attn.c_proj.bias")] public partial void StepH3AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.3.ln_2.weight")] public partial void StepH3Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.3.ln_2.bias")] public partial void StepH3Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.3.mlp.c_fc.weight")] public partial void StepH3FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.3.mlp.c_fc.bias")] public partial void StepH3FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.3.mlp.c_proj.weight")] public partial void StepH3MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.3.mlp.c_proj.bias")] public partial void StepH3MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.4.ln_1.weight")] public partial void StepH4Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.4.ln_1.bias")] public partial void StepH4Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.4.attn.c_attn.weight")] public partial void StepH4AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.4.attn.c_attn.bias")] public partial void StepH4AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.4.attn.c_proj.weight")] public partial void StepH4AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.4.attn.c_proj.bias")] public partial void StepH4AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.4.ln_2.weight")] public partial void StepH4Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.4.ln_2.bias")] public partial void StepH4Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.4.mlp.c_fc.weight")] public partial void StepH4FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.4.mlp.c_fc.bias")] public partial void StepH4FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.4.mlp.c_proj.weight")] public partial void StepH4MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.4.mlp.c_proj.bias")] public partial void StepH4MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.5.ln_1.weight")] public partial void StepH5Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.5.ln_1.bias")] public partial void StepH5Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.5.attn.c_attn.weight")] public partial void StepH5AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.5.attn.c_attn.bias")] public partial void StepH5AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.5.attn.c_proj.weight")] public partial void StepH5AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.5.attn.c_proj.bias")] public partial void StepH5AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.5.ln_2.weight")] public partial void StepH5Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.5.ln_2.bias")] public partial void StepH5Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.5.mlp.c_fc.weight")] public partial void StepH5FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.5.mlp.c_fc.bias")] public partial void StepH5FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.5.mlp.c_proj.weight")] public partial void StepH5MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.5.mlp.c_proj.bias")] public partial void StepH5MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.6.ln_1.weight")] public partial void StepH6Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.6.ln_1.bias")] public partial void StepH6Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.6.attn.c_attn.weight")] public partial void StepH6AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.6.attn.c_attn.bias")] public partial void StepH6AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.6.attn.c_proj.weight")] public partial void StepH6AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.6.attn.c_proj.bias")] public partial void StepH6AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.6.ln_2.weight")] public partial void StepH6Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.6.ln_2.bias")] public partial void StepH6Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.6.mlp.c_fc.weight")] public partial void StepH6FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.6.mlp.c_fc.bias")] public partial void StepH6FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.6.mlp.c_proj.weight")] public partial void StepH6MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.6.mlp.c_proj.bias")] public partial void StepH6MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.7.ln_1.weight")] public partial void StepH7Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.7.ln_1.bias")] public partial void StepH7Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.7.attn.c_attn.weight")] public partial void StepH7AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.7.attn.c_attn.bias")] public partial void StepH7AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.7.attn.c_proj.weight")] public partial void StepH7AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.7.attn.c_proj.bias")] public partial void StepH7AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.7.ln_2.weight")] public partial void StepH7Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.7.ln_2.bias")] public partial void StepH7Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.7.mlp.c_fc.weight")] public partial void StepH7FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.7.mlp.c_fc.bias")] public partial void StepH7FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.7.mlp.c_proj.weight")] public partial void StepH7MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.7.mlp.c_proj.bias")] public partial void StepH7MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.8.ln_1.weight")] public partial void StepH8Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.8.ln_1.bias")] public partial void StepH8Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.8.attn.c_attn.weight")] public partial void StepH8AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.8.attn.c_attn.bias")] public partial void StepH8AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.8.attn.c_proj.weight")] public partial void StepH8AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.8.attn.c_proj.bias")] public partial void StepH8AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.8.ln_2.weight")] public partial void StepH8Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.8.ln_2.bias")] public partial void StepH8Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.8.mlp.c_fc.weight")] public partial void StepH8FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.8.mlp.c_fc.bias")] public partial void StepH8FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.8.mlp.c_proj.weight")] public partial void StepH8MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.8.mlp.c_proj.bias")] public partial void StepH8MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.9.ln_1.weight")] public partial void StepH9Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.9.ln_1.bias")] public partial void StepH9Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.9.attn.c_attn.weight")] public partial void StepH9AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.9.attn.c_attn.bias")] public partial void StepH9AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.9.attn.c_proj.weight")] public partial void StepH9AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.9.attn.c_proj.bias")] public partial void StepH9AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.9.ln_2.weight")] public partial void StepH9Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.9.ln_2.bias")] public partial void StepH9Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.9.mlp.c_fc.weight")] public partial void StepH9FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.9.mlp.c_fc.bias")] public partial void StepH9FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.9.mlp.c_proj.weight")] public partial void StepH9MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.9.mlp.c_proj.bias")] public partial void StepH9MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.10.ln_1.weight")] public partial void StepH10Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.10.ln_1.bias")] public partial void StepH10Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.10.attn.c_attn.weight")] public partial void StepH10AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.10.attn.c_attn.bias")] public partial void StepH10AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.10.attn.c_proj.weight")] public partial void StepH10AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.10.attn.c_proj.bias")] public partial void StepH10AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.10.ln_2.weight")] public partial void StepH10Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.10.ln_2.bias")] public partial void StepH10Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.10.mlp.c_fc.weight")] public partial void StepH10FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.10.mlp.c_fc.bias")] public partial void StepH10FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.10.mlp.c_proj.weight")] public partial void StepH10MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.10.mlp.c_proj.bias")] public partial void StepH10MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.11.ln_1.weight")] public partial void StepH11Ln1Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.11.ln_1.bias")] public partial void StepH11Ln1Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 2304, Name = "h.11.attn.c_attn.weight")] public partial void StepH11AttnWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(2304, Name = "h.11.attn.c_attn.bias")] public partial void StepH11AttnBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 768, Name = "h.11.attn.c_proj.weight")] public partial void StepH11AttnProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.11.attn.c_proj.bias")] public partial void StepH11AttnProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.11.ln_2.weight")] public partial void StepH11Ln2Weight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.11.ln_2.bias")] public partial void StepH11Ln2Bias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, 3072, Name = "h.11.mlp.c_fc.weight")] public partial void StepH11FcWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, Name = "h.11.mlp.c_fc.bias")] public partial void StepH11FcBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(3072, 768, Name = "h.11.mlp.c_proj.weight")] public partial void StepH11MlpProjWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "h.11.mlp.c_proj.bias")] public partial void StepH11MlpProjBias(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "ln_f.weight")] public partial void StepLnfWeight(Span<float> p, ReadOnlySpan<float> g);
    [Parameter(768, Name = "ln_f.bias")] public partial void StepLnfBias(Span<float> p, ReadOnlySpan<float> g);

    /// <summary>The generated <c>StepAll</c> over tensors in <see cref="BFloat16StateStep.Gpt2SmallLayout"/>'s order.</summary>
    public void StepAll(ArraySegment<float>[] p, ArraySegment<float>[] g) =>
        StepAll(
            p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3], p[4], g[4], p[5], g[5],
            p[6], g[6], p[7], g[7], p[8], g[8], p[9], g[9], p[10], g[10], p[11], g[11],
            p[12], g[12], p[13], g[13], p[14], g[14], p[15], g[15], p[16], g[16], p[17], g[17],
            p[18], g[18], p[19], g[19], p[20], g[20], p[21], g[21], p[22], g[22], p[23], g[23],
            p[24], g[24], p[25], g[25], p[26], g[26], p[27], g[27], p[28], g[28], p[29], g[29],
            p[30], g[30], p[31], g[31], p[32], g[32], p[33], g[33], p[34], g[34], p[35], g[35],
            p[36], g[36], p[37], g[37], p[38], g[38], p[39], g[39], p[40], g[40], p[41], g[41],
            p[42], g[42], p[43], g[43], p[44], g[44], p[45], g[45], p[46], g[46], p[47], g[47],
            p[48], g[48], p[49], g[49], p[50], g[50], p[51], g[51], p[52], g[52], p[53], g[53],
            p[54], g[54], p[55], g[55], p[56], g[56], p[57], g[57], p[58], g[58], p[59], g[59],
            p[60], g[60], p[61], g[61], p[62], g[62], p[63], g[63], p[64], g[64], p[65], g[65],
            p[66], g[66], p[67], g[67], p[68], g[68], p[69], g[69], p[70], g[70], p[71], g[71],
            p[72], g[72], p[73], g[73], p[74], g[74], p[75], g[75], p[76], g[76], p[77], g[77],
            p[78], g[78], p[79], g[79], p[80], g[80], p[81], g[81], p[82], g[82], p[83], g[83],
            p[84], g[84], p[85], g[85], p[86], g[86], p[87], g[87], p[88], g[88], p[89], g[89],
            p[90], g[90], p[91], g[91], p[92], g[92], p[93], g[93], p[94], g[94], p[95], g[95],
            p[96], g[96], p[97], g[97], p[98], g[98], p[99], g[99], p[100], g[100], p[101], g[101],
            p[102], g[102], p[103], g[103], p[104], g[104], p[105], g[105], p[106], g[106], p[107], g[107],
            p[108], g[108], p[109], g[109], p[110], g[110], p[111], g[111], p[112], g[112], p[113], g[113],
            p[114], g[114], p[115], g[115], p[116], g[116], p[117], g[117], p[118], g[118], p[119], g[119],
            p[120], g[120], p[121], g[121], p[122], g[122], p[123], g[123], p[124], g[124], p[125], g[125],
            p[126], g[126], p[127], g[127], p[128], g[128], p[129], g[129], p[130], g[130], p[131], g[131],
            p[132], g[132], p[133], g[133], p[134], g[134], p[135], g[135], p[136], g[136], p[137], g[137],
            p[138], g[138], p[139], g[139], p[140], g[140], p[141], g[141], p[142], g[142], p[143], g[143],
            p[144], g[144], p[145], g[145], p[146], g[146], p[147], g[147]);
}
