// Written by Gpt2Declaration.Print(); do not edit by hand. To rewrite it:
//   dotnet run -c Release --project benchmarks/Rlx.Optim.Benchmarks -- --print-gpt2-declaration > benchmarks/Rlx.Optim.Benchmarks/Gpt2Declarations.cs
// (if this file no longer compiles, empty it first: the printer does not depend on it).
using System;
using Rlx.Optim;

namespace Rlx.Optim.Benchmarks;

/// <summary>What --whole-step calls on a declared GPT-2 layout: every set's method in turn, or StepAll.</summary>
public interface IDeclaredLayout : IOptimizer
{
    /// <summary>Every declared set through its own method, in declaration order, then EndIteration (StepAll before the step plan).</summary>
    void StepEachSet(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients);

    /// <summary>The generated StepAll over every declared set.</summary>
    bool StepAllSets(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients);
}

/// <summary>
/// Float Adam at --bf16-state's settings (lr 1e-3, β 0.9/0.999, ε 1e-8) declaring GPT-2 small's 148 tensors (124,439,808 parameters),
/// with Hugging Face's names and shapes.
/// </summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class Gpt2SmallAdam : IDeclaredLayout
{
    [Parameter(50257, 768, Name = "wte.weight")]
    public partial void StepWteWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(1024, 768, Name = "wpe.weight")]
    public partial void StepWpeWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_1.weight")]
    public partial void StepH0Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_1.bias")]
    public partial void StepH0Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.0.attn.c_attn.weight")]
    public partial void StepH0AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.0.attn.c_attn.bias")]
    public partial void StepH0AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.0.attn.c_proj.weight")]
    public partial void StepH0AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.attn.c_proj.bias")]
    public partial void StepH0AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_2.weight")]
    public partial void StepH0Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_2.bias")]
    public partial void StepH0Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.0.mlp.c_fc.weight")]
    public partial void StepH0MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.0.mlp.c_fc.bias")]
    public partial void StepH0MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.0.mlp.c_proj.weight")]
    public partial void StepH0MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.mlp.c_proj.bias")]
    public partial void StepH0MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_1.weight")]
    public partial void StepH1Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_1.bias")]
    public partial void StepH1Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.1.attn.c_attn.weight")]
    public partial void StepH1AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.1.attn.c_attn.bias")]
    public partial void StepH1AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.1.attn.c_proj.weight")]
    public partial void StepH1AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.attn.c_proj.bias")]
    public partial void StepH1AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_2.weight")]
    public partial void StepH1Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_2.bias")]
    public partial void StepH1Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.1.mlp.c_fc.weight")]
    public partial void StepH1MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.1.mlp.c_fc.bias")]
    public partial void StepH1MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.1.mlp.c_proj.weight")]
    public partial void StepH1MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.mlp.c_proj.bias")]
    public partial void StepH1MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_1.weight")]
    public partial void StepH2Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_1.bias")]
    public partial void StepH2Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.2.attn.c_attn.weight")]
    public partial void StepH2AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.2.attn.c_attn.bias")]
    public partial void StepH2AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.2.attn.c_proj.weight")]
    public partial void StepH2AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.attn.c_proj.bias")]
    public partial void StepH2AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_2.weight")]
    public partial void StepH2Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_2.bias")]
    public partial void StepH2Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.2.mlp.c_fc.weight")]
    public partial void StepH2MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.2.mlp.c_fc.bias")]
    public partial void StepH2MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.2.mlp.c_proj.weight")]
    public partial void StepH2MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.mlp.c_proj.bias")]
    public partial void StepH2MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_1.weight")]
    public partial void StepH3Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_1.bias")]
    public partial void StepH3Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.3.attn.c_attn.weight")]
    public partial void StepH3AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.3.attn.c_attn.bias")]
    public partial void StepH3AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.3.attn.c_proj.weight")]
    public partial void StepH3AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.attn.c_proj.bias")]
    public partial void StepH3AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_2.weight")]
    public partial void StepH3Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_2.bias")]
    public partial void StepH3Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.3.mlp.c_fc.weight")]
    public partial void StepH3MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.3.mlp.c_fc.bias")]
    public partial void StepH3MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.3.mlp.c_proj.weight")]
    public partial void StepH3MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.mlp.c_proj.bias")]
    public partial void StepH3MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_1.weight")]
    public partial void StepH4Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_1.bias")]
    public partial void StepH4Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.4.attn.c_attn.weight")]
    public partial void StepH4AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.4.attn.c_attn.bias")]
    public partial void StepH4AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.4.attn.c_proj.weight")]
    public partial void StepH4AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.attn.c_proj.bias")]
    public partial void StepH4AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_2.weight")]
    public partial void StepH4Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_2.bias")]
    public partial void StepH4Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.4.mlp.c_fc.weight")]
    public partial void StepH4MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.4.mlp.c_fc.bias")]
    public partial void StepH4MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.4.mlp.c_proj.weight")]
    public partial void StepH4MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.mlp.c_proj.bias")]
    public partial void StepH4MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_1.weight")]
    public partial void StepH5Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_1.bias")]
    public partial void StepH5Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.5.attn.c_attn.weight")]
    public partial void StepH5AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.5.attn.c_attn.bias")]
    public partial void StepH5AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.5.attn.c_proj.weight")]
    public partial void StepH5AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.attn.c_proj.bias")]
    public partial void StepH5AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_2.weight")]
    public partial void StepH5Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_2.bias")]
    public partial void StepH5Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.5.mlp.c_fc.weight")]
    public partial void StepH5MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.5.mlp.c_fc.bias")]
    public partial void StepH5MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.5.mlp.c_proj.weight")]
    public partial void StepH5MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.mlp.c_proj.bias")]
    public partial void StepH5MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_1.weight")]
    public partial void StepH6Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_1.bias")]
    public partial void StepH6Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.6.attn.c_attn.weight")]
    public partial void StepH6AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.6.attn.c_attn.bias")]
    public partial void StepH6AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.6.attn.c_proj.weight")]
    public partial void StepH6AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.attn.c_proj.bias")]
    public partial void StepH6AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_2.weight")]
    public partial void StepH6Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_2.bias")]
    public partial void StepH6Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.6.mlp.c_fc.weight")]
    public partial void StepH6MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.6.mlp.c_fc.bias")]
    public partial void StepH6MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.6.mlp.c_proj.weight")]
    public partial void StepH6MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.mlp.c_proj.bias")]
    public partial void StepH6MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_1.weight")]
    public partial void StepH7Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_1.bias")]
    public partial void StepH7Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.7.attn.c_attn.weight")]
    public partial void StepH7AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.7.attn.c_attn.bias")]
    public partial void StepH7AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.7.attn.c_proj.weight")]
    public partial void StepH7AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.attn.c_proj.bias")]
    public partial void StepH7AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_2.weight")]
    public partial void StepH7Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_2.bias")]
    public partial void StepH7Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.7.mlp.c_fc.weight")]
    public partial void StepH7MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.7.mlp.c_fc.bias")]
    public partial void StepH7MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.7.mlp.c_proj.weight")]
    public partial void StepH7MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.mlp.c_proj.bias")]
    public partial void StepH7MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_1.weight")]
    public partial void StepH8Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_1.bias")]
    public partial void StepH8Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.8.attn.c_attn.weight")]
    public partial void StepH8AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.8.attn.c_attn.bias")]
    public partial void StepH8AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.8.attn.c_proj.weight")]
    public partial void StepH8AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.attn.c_proj.bias")]
    public partial void StepH8AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_2.weight")]
    public partial void StepH8Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_2.bias")]
    public partial void StepH8Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.8.mlp.c_fc.weight")]
    public partial void StepH8MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.8.mlp.c_fc.bias")]
    public partial void StepH8MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.8.mlp.c_proj.weight")]
    public partial void StepH8MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.mlp.c_proj.bias")]
    public partial void StepH8MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_1.weight")]
    public partial void StepH9Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_1.bias")]
    public partial void StepH9Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.9.attn.c_attn.weight")]
    public partial void StepH9AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.9.attn.c_attn.bias")]
    public partial void StepH9AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.9.attn.c_proj.weight")]
    public partial void StepH9AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.attn.c_proj.bias")]
    public partial void StepH9AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_2.weight")]
    public partial void StepH9Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_2.bias")]
    public partial void StepH9Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.9.mlp.c_fc.weight")]
    public partial void StepH9MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.9.mlp.c_fc.bias")]
    public partial void StepH9MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.9.mlp.c_proj.weight")]
    public partial void StepH9MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.mlp.c_proj.bias")]
    public partial void StepH9MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_1.weight")]
    public partial void StepH10Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_1.bias")]
    public partial void StepH10Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.10.attn.c_attn.weight")]
    public partial void StepH10AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.10.attn.c_attn.bias")]
    public partial void StepH10AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.10.attn.c_proj.weight")]
    public partial void StepH10AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.attn.c_proj.bias")]
    public partial void StepH10AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_2.weight")]
    public partial void StepH10Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_2.bias")]
    public partial void StepH10Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.10.mlp.c_fc.weight")]
    public partial void StepH10MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.10.mlp.c_fc.bias")]
    public partial void StepH10MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.10.mlp.c_proj.weight")]
    public partial void StepH10MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.mlp.c_proj.bias")]
    public partial void StepH10MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_1.weight")]
    public partial void StepH11Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_1.bias")]
    public partial void StepH11Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.11.attn.c_attn.weight")]
    public partial void StepH11AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.11.attn.c_attn.bias")]
    public partial void StepH11AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.11.attn.c_proj.weight")]
    public partial void StepH11AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.attn.c_proj.bias")]
    public partial void StepH11AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_2.weight")]
    public partial void StepH11Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_2.bias")]
    public partial void StepH11Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.11.mlp.c_fc.weight")]
    public partial void StepH11MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.11.mlp.c_fc.bias")]
    public partial void StepH11MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.11.mlp.c_proj.weight")]
    public partial void StepH11MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.mlp.c_proj.bias")]
    public partial void StepH11MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "ln_f.weight")]
    public partial void StepLnFWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "ln_f.bias")]
    public partial void StepLnFBias(Span<float> p, ReadOnlySpan<float> g);

    public void StepEachSet(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients)
    {
        StepWteWeight(parameters[0], gradients[0]);
        StepWpeWeight(parameters[1], gradients[1]);
        StepH0Ln1Weight(parameters[2], gradients[2]);
        StepH0Ln1Bias(parameters[3], gradients[3]);
        StepH0AttnCAttnWeight(parameters[4], gradients[4]);
        StepH0AttnCAttnBias(parameters[5], gradients[5]);
        StepH0AttnCProjWeight(parameters[6], gradients[6]);
        StepH0AttnCProjBias(parameters[7], gradients[7]);
        StepH0Ln2Weight(parameters[8], gradients[8]);
        StepH0Ln2Bias(parameters[9], gradients[9]);
        StepH0MlpCFcWeight(parameters[10], gradients[10]);
        StepH0MlpCFcBias(parameters[11], gradients[11]);
        StepH0MlpCProjWeight(parameters[12], gradients[12]);
        StepH0MlpCProjBias(parameters[13], gradients[13]);
        StepH1Ln1Weight(parameters[14], gradients[14]);
        StepH1Ln1Bias(parameters[15], gradients[15]);
        StepH1AttnCAttnWeight(parameters[16], gradients[16]);
        StepH1AttnCAttnBias(parameters[17], gradients[17]);
        StepH1AttnCProjWeight(parameters[18], gradients[18]);
        StepH1AttnCProjBias(parameters[19], gradients[19]);
        StepH1Ln2Weight(parameters[20], gradients[20]);
        StepH1Ln2Bias(parameters[21], gradients[21]);
        StepH1MlpCFcWeight(parameters[22], gradients[22]);
        StepH1MlpCFcBias(parameters[23], gradients[23]);
        StepH1MlpCProjWeight(parameters[24], gradients[24]);
        StepH1MlpCProjBias(parameters[25], gradients[25]);
        StepH2Ln1Weight(parameters[26], gradients[26]);
        StepH2Ln1Bias(parameters[27], gradients[27]);
        StepH2AttnCAttnWeight(parameters[28], gradients[28]);
        StepH2AttnCAttnBias(parameters[29], gradients[29]);
        StepH2AttnCProjWeight(parameters[30], gradients[30]);
        StepH2AttnCProjBias(parameters[31], gradients[31]);
        StepH2Ln2Weight(parameters[32], gradients[32]);
        StepH2Ln2Bias(parameters[33], gradients[33]);
        StepH2MlpCFcWeight(parameters[34], gradients[34]);
        StepH2MlpCFcBias(parameters[35], gradients[35]);
        StepH2MlpCProjWeight(parameters[36], gradients[36]);
        StepH2MlpCProjBias(parameters[37], gradients[37]);
        StepH3Ln1Weight(parameters[38], gradients[38]);
        StepH3Ln1Bias(parameters[39], gradients[39]);
        StepH3AttnCAttnWeight(parameters[40], gradients[40]);
        StepH3AttnCAttnBias(parameters[41], gradients[41]);
        StepH3AttnCProjWeight(parameters[42], gradients[42]);
        StepH3AttnCProjBias(parameters[43], gradients[43]);
        StepH3Ln2Weight(parameters[44], gradients[44]);
        StepH3Ln2Bias(parameters[45], gradients[45]);
        StepH3MlpCFcWeight(parameters[46], gradients[46]);
        StepH3MlpCFcBias(parameters[47], gradients[47]);
        StepH3MlpCProjWeight(parameters[48], gradients[48]);
        StepH3MlpCProjBias(parameters[49], gradients[49]);
        StepH4Ln1Weight(parameters[50], gradients[50]);
        StepH4Ln1Bias(parameters[51], gradients[51]);
        StepH4AttnCAttnWeight(parameters[52], gradients[52]);
        StepH4AttnCAttnBias(parameters[53], gradients[53]);
        StepH4AttnCProjWeight(parameters[54], gradients[54]);
        StepH4AttnCProjBias(parameters[55], gradients[55]);
        StepH4Ln2Weight(parameters[56], gradients[56]);
        StepH4Ln2Bias(parameters[57], gradients[57]);
        StepH4MlpCFcWeight(parameters[58], gradients[58]);
        StepH4MlpCFcBias(parameters[59], gradients[59]);
        StepH4MlpCProjWeight(parameters[60], gradients[60]);
        StepH4MlpCProjBias(parameters[61], gradients[61]);
        StepH5Ln1Weight(parameters[62], gradients[62]);
        StepH5Ln1Bias(parameters[63], gradients[63]);
        StepH5AttnCAttnWeight(parameters[64], gradients[64]);
        StepH5AttnCAttnBias(parameters[65], gradients[65]);
        StepH5AttnCProjWeight(parameters[66], gradients[66]);
        StepH5AttnCProjBias(parameters[67], gradients[67]);
        StepH5Ln2Weight(parameters[68], gradients[68]);
        StepH5Ln2Bias(parameters[69], gradients[69]);
        StepH5MlpCFcWeight(parameters[70], gradients[70]);
        StepH5MlpCFcBias(parameters[71], gradients[71]);
        StepH5MlpCProjWeight(parameters[72], gradients[72]);
        StepH5MlpCProjBias(parameters[73], gradients[73]);
        StepH6Ln1Weight(parameters[74], gradients[74]);
        StepH6Ln1Bias(parameters[75], gradients[75]);
        StepH6AttnCAttnWeight(parameters[76], gradients[76]);
        StepH6AttnCAttnBias(parameters[77], gradients[77]);
        StepH6AttnCProjWeight(parameters[78], gradients[78]);
        StepH6AttnCProjBias(parameters[79], gradients[79]);
        StepH6Ln2Weight(parameters[80], gradients[80]);
        StepH6Ln2Bias(parameters[81], gradients[81]);
        StepH6MlpCFcWeight(parameters[82], gradients[82]);
        StepH6MlpCFcBias(parameters[83], gradients[83]);
        StepH6MlpCProjWeight(parameters[84], gradients[84]);
        StepH6MlpCProjBias(parameters[85], gradients[85]);
        StepH7Ln1Weight(parameters[86], gradients[86]);
        StepH7Ln1Bias(parameters[87], gradients[87]);
        StepH7AttnCAttnWeight(parameters[88], gradients[88]);
        StepH7AttnCAttnBias(parameters[89], gradients[89]);
        StepH7AttnCProjWeight(parameters[90], gradients[90]);
        StepH7AttnCProjBias(parameters[91], gradients[91]);
        StepH7Ln2Weight(parameters[92], gradients[92]);
        StepH7Ln2Bias(parameters[93], gradients[93]);
        StepH7MlpCFcWeight(parameters[94], gradients[94]);
        StepH7MlpCFcBias(parameters[95], gradients[95]);
        StepH7MlpCProjWeight(parameters[96], gradients[96]);
        StepH7MlpCProjBias(parameters[97], gradients[97]);
        StepH8Ln1Weight(parameters[98], gradients[98]);
        StepH8Ln1Bias(parameters[99], gradients[99]);
        StepH8AttnCAttnWeight(parameters[100], gradients[100]);
        StepH8AttnCAttnBias(parameters[101], gradients[101]);
        StepH8AttnCProjWeight(parameters[102], gradients[102]);
        StepH8AttnCProjBias(parameters[103], gradients[103]);
        StepH8Ln2Weight(parameters[104], gradients[104]);
        StepH8Ln2Bias(parameters[105], gradients[105]);
        StepH8MlpCFcWeight(parameters[106], gradients[106]);
        StepH8MlpCFcBias(parameters[107], gradients[107]);
        StepH8MlpCProjWeight(parameters[108], gradients[108]);
        StepH8MlpCProjBias(parameters[109], gradients[109]);
        StepH9Ln1Weight(parameters[110], gradients[110]);
        StepH9Ln1Bias(parameters[111], gradients[111]);
        StepH9AttnCAttnWeight(parameters[112], gradients[112]);
        StepH9AttnCAttnBias(parameters[113], gradients[113]);
        StepH9AttnCProjWeight(parameters[114], gradients[114]);
        StepH9AttnCProjBias(parameters[115], gradients[115]);
        StepH9Ln2Weight(parameters[116], gradients[116]);
        StepH9Ln2Bias(parameters[117], gradients[117]);
        StepH9MlpCFcWeight(parameters[118], gradients[118]);
        StepH9MlpCFcBias(parameters[119], gradients[119]);
        StepH9MlpCProjWeight(parameters[120], gradients[120]);
        StepH9MlpCProjBias(parameters[121], gradients[121]);
        StepH10Ln1Weight(parameters[122], gradients[122]);
        StepH10Ln1Bias(parameters[123], gradients[123]);
        StepH10AttnCAttnWeight(parameters[124], gradients[124]);
        StepH10AttnCAttnBias(parameters[125], gradients[125]);
        StepH10AttnCProjWeight(parameters[126], gradients[126]);
        StepH10AttnCProjBias(parameters[127], gradients[127]);
        StepH10Ln2Weight(parameters[128], gradients[128]);
        StepH10Ln2Bias(parameters[129], gradients[129]);
        StepH10MlpCFcWeight(parameters[130], gradients[130]);
        StepH10MlpCFcBias(parameters[131], gradients[131]);
        StepH10MlpCProjWeight(parameters[132], gradients[132]);
        StepH10MlpCProjBias(parameters[133], gradients[133]);
        StepH11Ln1Weight(parameters[134], gradients[134]);
        StepH11Ln1Bias(parameters[135], gradients[135]);
        StepH11AttnCAttnWeight(parameters[136], gradients[136]);
        StepH11AttnCAttnBias(parameters[137], gradients[137]);
        StepH11AttnCProjWeight(parameters[138], gradients[138]);
        StepH11AttnCProjBias(parameters[139], gradients[139]);
        StepH11Ln2Weight(parameters[140], gradients[140]);
        StepH11Ln2Bias(parameters[141], gradients[141]);
        StepH11MlpCFcWeight(parameters[142], gradients[142]);
        StepH11MlpCFcBias(parameters[143], gradients[143]);
        StepH11MlpCProjWeight(parameters[144], gradients[144]);
        StepH11MlpCProjBias(parameters[145], gradients[145]);
        StepLnFWeight(parameters[146], gradients[146]);
        StepLnFBias(parameters[147], gradients[147]);
        EndIteration();
    }

    public bool StepAllSets(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients) =>
        StepAll(
            parameters[0], gradients[0], parameters[1], gradients[1],
            parameters[2], gradients[2], parameters[3], gradients[3],
            parameters[4], gradients[4], parameters[5], gradients[5],
            parameters[6], gradients[6], parameters[7], gradients[7],
            parameters[8], gradients[8], parameters[9], gradients[9],
            parameters[10], gradients[10], parameters[11], gradients[11],
            parameters[12], gradients[12], parameters[13], gradients[13],
            parameters[14], gradients[14], parameters[15], gradients[15],
            parameters[16], gradients[16], parameters[17], gradients[17],
            parameters[18], gradients[18], parameters[19], gradients[19],
            parameters[20], gradients[20], parameters[21], gradients[21],
            parameters[22], gradients[22], parameters[23], gradients[23],
            parameters[24], gradients[24], parameters[25], gradients[25],
            parameters[26], gradients[26], parameters[27], gradients[27],
            parameters[28], gradients[28], parameters[29], gradients[29],
            parameters[30], gradients[30], parameters[31], gradients[31],
            parameters[32], gradients[32], parameters[33], gradients[33],
            parameters[34], gradients[34], parameters[35], gradients[35],
            parameters[36], gradients[36], parameters[37], gradients[37],
            parameters[38], gradients[38], parameters[39], gradients[39],
            parameters[40], gradients[40], parameters[41], gradients[41],
            parameters[42], gradients[42], parameters[43], gradients[43],
            parameters[44], gradients[44], parameters[45], gradients[45],
            parameters[46], gradients[46], parameters[47], gradients[47],
            parameters[48], gradients[48], parameters[49], gradients[49],
            parameters[50], gradients[50], parameters[51], gradients[51],
            parameters[52], gradients[52], parameters[53], gradients[53],
            parameters[54], gradients[54], parameters[55], gradients[55],
            parameters[56], gradients[56], parameters[57], gradients[57],
            parameters[58], gradients[58], parameters[59], gradients[59],
            parameters[60], gradients[60], parameters[61], gradients[61],
            parameters[62], gradients[62], parameters[63], gradients[63],
            parameters[64], gradients[64], parameters[65], gradients[65],
            parameters[66], gradients[66], parameters[67], gradients[67],
            parameters[68], gradients[68], parameters[69], gradients[69],
            parameters[70], gradients[70], parameters[71], gradients[71],
            parameters[72], gradients[72], parameters[73], gradients[73],
            parameters[74], gradients[74], parameters[75], gradients[75],
            parameters[76], gradients[76], parameters[77], gradients[77],
            parameters[78], gradients[78], parameters[79], gradients[79],
            parameters[80], gradients[80], parameters[81], gradients[81],
            parameters[82], gradients[82], parameters[83], gradients[83],
            parameters[84], gradients[84], parameters[85], gradients[85],
            parameters[86], gradients[86], parameters[87], gradients[87],
            parameters[88], gradients[88], parameters[89], gradients[89],
            parameters[90], gradients[90], parameters[91], gradients[91],
            parameters[92], gradients[92], parameters[93], gradients[93],
            parameters[94], gradients[94], parameters[95], gradients[95],
            parameters[96], gradients[96], parameters[97], gradients[97],
            parameters[98], gradients[98], parameters[99], gradients[99],
            parameters[100], gradients[100], parameters[101], gradients[101],
            parameters[102], gradients[102], parameters[103], gradients[103],
            parameters[104], gradients[104], parameters[105], gradients[105],
            parameters[106], gradients[106], parameters[107], gradients[107],
            parameters[108], gradients[108], parameters[109], gradients[109],
            parameters[110], gradients[110], parameters[111], gradients[111],
            parameters[112], gradients[112], parameters[113], gradients[113],
            parameters[114], gradients[114], parameters[115], gradients[115],
            parameters[116], gradients[116], parameters[117], gradients[117],
            parameters[118], gradients[118], parameters[119], gradients[119],
            parameters[120], gradients[120], parameters[121], gradients[121],
            parameters[122], gradients[122], parameters[123], gradients[123],
            parameters[124], gradients[124], parameters[125], gradients[125],
            parameters[126], gradients[126], parameters[127], gradients[127],
            parameters[128], gradients[128], parameters[129], gradients[129],
            parameters[130], gradients[130], parameters[131], gradients[131],
            parameters[132], gradients[132], parameters[133], gradients[133],
            parameters[134], gradients[134], parameters[135], gradients[135],
            parameters[136], gradients[136], parameters[137], gradients[137],
            parameters[138], gradients[138], parameters[139], gradients[139],
            parameters[140], gradients[140], parameters[141], gradients[141],
            parameters[142], gradients[142], parameters[143], gradients[143],
            parameters[144], gradients[144], parameters[145], gradients[145],
            parameters[146], gradients[146], parameters[147], gradients[147]);
}

/// <summary>
/// Float Adam at --bf16-state's settings (lr 1e-3, β 0.9/0.999, ε 1e-8) declaring GPT-2 small's 148 tensors with every dimension divided by 32 (125,208 parameters),
/// with Hugging Face's names and shapes.
/// </summary>
[AdamOptimizer(LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
public partial class Gpt2MiniatureAdam : IDeclaredLayout
{
    [Parameter(1571, 24, Name = "wte.weight")]
    public partial void StepWteWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(32, 24, Name = "wpe.weight")]
    public partial void StepWpeWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.0.ln_1.weight")]
    public partial void StepH0Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.0.ln_1.bias")]
    public partial void StepH0Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.0.attn.c_attn.weight")]
    public partial void StepH0AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.0.attn.c_attn.bias")]
    public partial void StepH0AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.0.attn.c_proj.weight")]
    public partial void StepH0AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.0.attn.c_proj.bias")]
    public partial void StepH0AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.0.ln_2.weight")]
    public partial void StepH0Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.0.ln_2.bias")]
    public partial void StepH0Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.0.mlp.c_fc.weight")]
    public partial void StepH0MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.0.mlp.c_fc.bias")]
    public partial void StepH0MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.0.mlp.c_proj.weight")]
    public partial void StepH0MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.0.mlp.c_proj.bias")]
    public partial void StepH0MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.1.ln_1.weight")]
    public partial void StepH1Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.1.ln_1.bias")]
    public partial void StepH1Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.1.attn.c_attn.weight")]
    public partial void StepH1AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.1.attn.c_attn.bias")]
    public partial void StepH1AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.1.attn.c_proj.weight")]
    public partial void StepH1AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.1.attn.c_proj.bias")]
    public partial void StepH1AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.1.ln_2.weight")]
    public partial void StepH1Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.1.ln_2.bias")]
    public partial void StepH1Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.1.mlp.c_fc.weight")]
    public partial void StepH1MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.1.mlp.c_fc.bias")]
    public partial void StepH1MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.1.mlp.c_proj.weight")]
    public partial void StepH1MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.1.mlp.c_proj.bias")]
    public partial void StepH1MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.2.ln_1.weight")]
    public partial void StepH2Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.2.ln_1.bias")]
    public partial void StepH2Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.2.attn.c_attn.weight")]
    public partial void StepH2AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.2.attn.c_attn.bias")]
    public partial void StepH2AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.2.attn.c_proj.weight")]
    public partial void StepH2AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.2.attn.c_proj.bias")]
    public partial void StepH2AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.2.ln_2.weight")]
    public partial void StepH2Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.2.ln_2.bias")]
    public partial void StepH2Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.2.mlp.c_fc.weight")]
    public partial void StepH2MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.2.mlp.c_fc.bias")]
    public partial void StepH2MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.2.mlp.c_proj.weight")]
    public partial void StepH2MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.2.mlp.c_proj.bias")]
    public partial void StepH2MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.3.ln_1.weight")]
    public partial void StepH3Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.3.ln_1.bias")]
    public partial void StepH3Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.3.attn.c_attn.weight")]
    public partial void StepH3AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.3.attn.c_attn.bias")]
    public partial void StepH3AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.3.attn.c_proj.weight")]
    public partial void StepH3AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.3.attn.c_proj.bias")]
    public partial void StepH3AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.3.ln_2.weight")]
    public partial void StepH3Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.3.ln_2.bias")]
    public partial void StepH3Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.3.mlp.c_fc.weight")]
    public partial void StepH3MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.3.mlp.c_fc.bias")]
    public partial void StepH3MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.3.mlp.c_proj.weight")]
    public partial void StepH3MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.3.mlp.c_proj.bias")]
    public partial void StepH3MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.4.ln_1.weight")]
    public partial void StepH4Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.4.ln_1.bias")]
    public partial void StepH4Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.4.attn.c_attn.weight")]
    public partial void StepH4AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.4.attn.c_attn.bias")]
    public partial void StepH4AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.4.attn.c_proj.weight")]
    public partial void StepH4AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.4.attn.c_proj.bias")]
    public partial void StepH4AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.4.ln_2.weight")]
    public partial void StepH4Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.4.ln_2.bias")]
    public partial void StepH4Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.4.mlp.c_fc.weight")]
    public partial void StepH4MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.4.mlp.c_fc.bias")]
    public partial void StepH4MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.4.mlp.c_proj.weight")]
    public partial void StepH4MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.4.mlp.c_proj.bias")]
    public partial void StepH4MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.5.ln_1.weight")]
    public partial void StepH5Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.5.ln_1.bias")]
    public partial void StepH5Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.5.attn.c_attn.weight")]
    public partial void StepH5AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.5.attn.c_attn.bias")]
    public partial void StepH5AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.5.attn.c_proj.weight")]
    public partial void StepH5AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.5.attn.c_proj.bias")]
    public partial void StepH5AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.5.ln_2.weight")]
    public partial void StepH5Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.5.ln_2.bias")]
    public partial void StepH5Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.5.mlp.c_fc.weight")]
    public partial void StepH5MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.5.mlp.c_fc.bias")]
    public partial void StepH5MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.5.mlp.c_proj.weight")]
    public partial void StepH5MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.5.mlp.c_proj.bias")]
    public partial void StepH5MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.6.ln_1.weight")]
    public partial void StepH6Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.6.ln_1.bias")]
    public partial void StepH6Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.6.attn.c_attn.weight")]
    public partial void StepH6AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.6.attn.c_attn.bias")]
    public partial void StepH6AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.6.attn.c_proj.weight")]
    public partial void StepH6AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.6.attn.c_proj.bias")]
    public partial void StepH6AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.6.ln_2.weight")]
    public partial void StepH6Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.6.ln_2.bias")]
    public partial void StepH6Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.6.mlp.c_fc.weight")]
    public partial void StepH6MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.6.mlp.c_fc.bias")]
    public partial void StepH6MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.6.mlp.c_proj.weight")]
    public partial void StepH6MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.6.mlp.c_proj.bias")]
    public partial void StepH6MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.7.ln_1.weight")]
    public partial void StepH7Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.7.ln_1.bias")]
    public partial void StepH7Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.7.attn.c_attn.weight")]
    public partial void StepH7AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.7.attn.c_attn.bias")]
    public partial void StepH7AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.7.attn.c_proj.weight")]
    public partial void StepH7AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.7.attn.c_proj.bias")]
    public partial void StepH7AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.7.ln_2.weight")]
    public partial void StepH7Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.7.ln_2.bias")]
    public partial void StepH7Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.7.mlp.c_fc.weight")]
    public partial void StepH7MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.7.mlp.c_fc.bias")]
    public partial void StepH7MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.7.mlp.c_proj.weight")]
    public partial void StepH7MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.7.mlp.c_proj.bias")]
    public partial void StepH7MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.8.ln_1.weight")]
    public partial void StepH8Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.8.ln_1.bias")]
    public partial void StepH8Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.8.attn.c_attn.weight")]
    public partial void StepH8AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.8.attn.c_attn.bias")]
    public partial void StepH8AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.8.attn.c_proj.weight")]
    public partial void StepH8AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.8.attn.c_proj.bias")]
    public partial void StepH8AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.8.ln_2.weight")]
    public partial void StepH8Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.8.ln_2.bias")]
    public partial void StepH8Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.8.mlp.c_fc.weight")]
    public partial void StepH8MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.8.mlp.c_fc.bias")]
    public partial void StepH8MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.8.mlp.c_proj.weight")]
    public partial void StepH8MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.8.mlp.c_proj.bias")]
    public partial void StepH8MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.9.ln_1.weight")]
    public partial void StepH9Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.9.ln_1.bias")]
    public partial void StepH9Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.9.attn.c_attn.weight")]
    public partial void StepH9AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.9.attn.c_attn.bias")]
    public partial void StepH9AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.9.attn.c_proj.weight")]
    public partial void StepH9AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.9.attn.c_proj.bias")]
    public partial void StepH9AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.9.ln_2.weight")]
    public partial void StepH9Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.9.ln_2.bias")]
    public partial void StepH9Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.9.mlp.c_fc.weight")]
    public partial void StepH9MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.9.mlp.c_fc.bias")]
    public partial void StepH9MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.9.mlp.c_proj.weight")]
    public partial void StepH9MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.9.mlp.c_proj.bias")]
    public partial void StepH9MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.10.ln_1.weight")]
    public partial void StepH10Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.10.ln_1.bias")]
    public partial void StepH10Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.10.attn.c_attn.weight")]
    public partial void StepH10AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.10.attn.c_attn.bias")]
    public partial void StepH10AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.10.attn.c_proj.weight")]
    public partial void StepH10AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.10.attn.c_proj.bias")]
    public partial void StepH10AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.10.ln_2.weight")]
    public partial void StepH10Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.10.ln_2.bias")]
    public partial void StepH10Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.10.mlp.c_fc.weight")]
    public partial void StepH10MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.10.mlp.c_fc.bias")]
    public partial void StepH10MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.10.mlp.c_proj.weight")]
    public partial void StepH10MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.10.mlp.c_proj.bias")]
    public partial void StepH10MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.11.ln_1.weight")]
    public partial void StepH11Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.11.ln_1.bias")]
    public partial void StepH11Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 72, Name = "h.11.attn.c_attn.weight")]
    public partial void StepH11AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(72, Name = "h.11.attn.c_attn.bias")]
    public partial void StepH11AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 24, Name = "h.11.attn.c_proj.weight")]
    public partial void StepH11AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.11.attn.c_proj.bias")]
    public partial void StepH11AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.11.ln_2.weight")]
    public partial void StepH11Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.11.ln_2.bias")]
    public partial void StepH11Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, 96, Name = "h.11.mlp.c_fc.weight")]
    public partial void StepH11MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, Name = "h.11.mlp.c_fc.bias")]
    public partial void StepH11MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(96, 24, Name = "h.11.mlp.c_proj.weight")]
    public partial void StepH11MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "h.11.mlp.c_proj.bias")]
    public partial void StepH11MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "ln_f.weight")]
    public partial void StepLnFWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(24, Name = "ln_f.bias")]
    public partial void StepLnFBias(Span<float> p, ReadOnlySpan<float> g);

    public void StepEachSet(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients)
    {
        StepWteWeight(parameters[0], gradients[0]);
        StepWpeWeight(parameters[1], gradients[1]);
        StepH0Ln1Weight(parameters[2], gradients[2]);
        StepH0Ln1Bias(parameters[3], gradients[3]);
        StepH0AttnCAttnWeight(parameters[4], gradients[4]);
        StepH0AttnCAttnBias(parameters[5], gradients[5]);
        StepH0AttnCProjWeight(parameters[6], gradients[6]);
        StepH0AttnCProjBias(parameters[7], gradients[7]);
        StepH0Ln2Weight(parameters[8], gradients[8]);
        StepH0Ln2Bias(parameters[9], gradients[9]);
        StepH0MlpCFcWeight(parameters[10], gradients[10]);
        StepH0MlpCFcBias(parameters[11], gradients[11]);
        StepH0MlpCProjWeight(parameters[12], gradients[12]);
        StepH0MlpCProjBias(parameters[13], gradients[13]);
        StepH1Ln1Weight(parameters[14], gradients[14]);
        StepH1Ln1Bias(parameters[15], gradients[15]);
        StepH1AttnCAttnWeight(parameters[16], gradients[16]);
        StepH1AttnCAttnBias(parameters[17], gradients[17]);
        StepH1AttnCProjWeight(parameters[18], gradients[18]);
        StepH1AttnCProjBias(parameters[19], gradients[19]);
        StepH1Ln2Weight(parameters[20], gradients[20]);
        StepH1Ln2Bias(parameters[21], gradients[21]);
        StepH1MlpCFcWeight(parameters[22], gradients[22]);
        StepH1MlpCFcBias(parameters[23], gradients[23]);
        StepH1MlpCProjWeight(parameters[24], gradients[24]);
        StepH1MlpCProjBias(parameters[25], gradients[25]);
        StepH2Ln1Weight(parameters[26], gradients[26]);
        StepH2Ln1Bias(parameters[27], gradients[27]);
        StepH2AttnCAttnWeight(parameters[28], gradients[28]);
        StepH2AttnCAttnBias(parameters[29], gradients[29]);
        StepH2AttnCProjWeight(parameters[30], gradients[30]);
        StepH2AttnCProjBias(parameters[31], gradients[31]);
        StepH2Ln2Weight(parameters[32], gradients[32]);
        StepH2Ln2Bias(parameters[33], gradients[33]);
        StepH2MlpCFcWeight(parameters[34], gradients[34]);
        StepH2MlpCFcBias(parameters[35], gradients[35]);
        StepH2MlpCProjWeight(parameters[36], gradients[36]);
        StepH2MlpCProjBias(parameters[37], gradients[37]);
        StepH3Ln1Weight(parameters[38], gradients[38]);
        StepH3Ln1Bias(parameters[39], gradients[39]);
        StepH3AttnCAttnWeight(parameters[40], gradients[40]);
        StepH3AttnCAttnBias(parameters[41], gradients[41]);
        StepH3AttnCProjWeight(parameters[42], gradients[42]);
        StepH3AttnCProjBias(parameters[43], gradients[43]);
        StepH3Ln2Weight(parameters[44], gradients[44]);
        StepH3Ln2Bias(parameters[45], gradients[45]);
        StepH3MlpCFcWeight(parameters[46], gradients[46]);
        StepH3MlpCFcBias(parameters[47], gradients[47]);
        StepH3MlpCProjWeight(parameters[48], gradients[48]);
        StepH3MlpCProjBias(parameters[49], gradients[49]);
        StepH4Ln1Weight(parameters[50], gradients[50]);
        StepH4Ln1Bias(parameters[51], gradients[51]);
        StepH4AttnCAttnWeight(parameters[52], gradients[52]);
        StepH4AttnCAttnBias(parameters[53], gradients[53]);
        StepH4AttnCProjWeight(parameters[54], gradients[54]);
        StepH4AttnCProjBias(parameters[55], gradients[55]);
        StepH4Ln2Weight(parameters[56], gradients[56]);
        StepH4Ln2Bias(parameters[57], gradients[57]);
        StepH4MlpCFcWeight(parameters[58], gradients[58]);
        StepH4MlpCFcBias(parameters[59], gradients[59]);
        StepH4MlpCProjWeight(parameters[60], gradients[60]);
        StepH4MlpCProjBias(parameters[61], gradients[61]);
        StepH5Ln1Weight(parameters[62], gradients[62]);
        StepH5Ln1Bias(parameters[63], gradients[63]);
        StepH5AttnCAttnWeight(parameters[64], gradients[64]);
        StepH5AttnCAttnBias(parameters[65], gradients[65]);
        StepH5AttnCProjWeight(parameters[66], gradients[66]);
        StepH5AttnCProjBias(parameters[67], gradients[67]);
        StepH5Ln2Weight(parameters[68], gradients[68]);
        StepH5Ln2Bias(parameters[69], gradients[69]);
        StepH5MlpCFcWeight(parameters[70], gradients[70]);
        StepH5MlpCFcBias(parameters[71], gradients[71]);
        StepH5MlpCProjWeight(parameters[72], gradients[72]);
        StepH5MlpCProjBias(parameters[73], gradients[73]);
        StepH6Ln1Weight(parameters[74], gradients[74]);
        StepH6Ln1Bias(parameters[75], gradients[75]);
        StepH6AttnCAttnWeight(parameters[76], gradients[76]);
        StepH6AttnCAttnBias(parameters[77], gradients[77]);
        StepH6AttnCProjWeight(parameters[78], gradients[78]);
        StepH6AttnCProjBias(parameters[79], gradients[79]);
        StepH6Ln2Weight(parameters[80], gradients[80]);
        StepH6Ln2Bias(parameters[81], gradients[81]);
        StepH6MlpCFcWeight(parameters[82], gradients[82]);
        StepH6MlpCFcBias(parameters[83], gradients[83]);
        StepH6MlpCProjWeight(parameters[84], gradients[84]);
        StepH6MlpCProjBias(parameters[85], gradients[85]);
        StepH7Ln1Weight(parameters[86], gradients[86]);
        StepH7Ln1Bias(parameters[87], gradients[87]);
        StepH7AttnCAttnWeight(parameters[88], gradients[88]);
        StepH7AttnCAttnBias(parameters[89], gradients[89]);
        StepH7AttnCProjWeight(parameters[90], gradients[90]);
        StepH7AttnCProjBias(parameters[91], gradients[91]);
        StepH7Ln2Weight(parameters[92], gradients[92]);
        StepH7Ln2Bias(parameters[93], gradients[93]);
        StepH7MlpCFcWeight(parameters[94], gradients[94]);
        StepH7MlpCFcBias(parameters[95], gradients[95]);
        StepH7MlpCProjWeight(parameters[96], gradients[96]);
        StepH7MlpCProjBias(parameters[97], gradients[97]);
        StepH8Ln1Weight(parameters[98], gradients[98]);
        StepH8Ln1Bias(parameters[99], gradients[99]);
        StepH8AttnCAttnWeight(parameters[100], gradients[100]);
        StepH8AttnCAttnBias(parameters[101], gradients[101]);
        StepH8AttnCProjWeight(parameters[102], gradients[102]);
        StepH8AttnCProjBias(parameters[103], gradients[103]);
        StepH8Ln2Weight(parameters[104], gradients[104]);
        StepH8Ln2Bias(parameters[105], gradients[105]);
        StepH8MlpCFcWeight(parameters[106], gradients[106]);
        StepH8MlpCFcBias(parameters[107], gradients[107]);
        StepH8MlpCProjWeight(parameters[108], gradients[108]);
        StepH8MlpCProjBias(parameters[109], gradients[109]);
        StepH9Ln1Weight(parameters[110], gradients[110]);
        StepH9Ln1Bias(parameters[111], gradients[111]);
        StepH9AttnCAttnWeight(parameters[112], gradients[112]);
        StepH9AttnCAttnBias(parameters[113], gradients[113]);
        StepH9AttnCProjWeight(parameters[114], gradients[114]);
        StepH9AttnCProjBias(parameters[115], gradients[115]);
        StepH9Ln2Weight(parameters[116], gradients[116]);
        StepH9Ln2Bias(parameters[117], gradients[117]);
        StepH9MlpCFcWeight(parameters[118], gradients[118]);
        StepH9MlpCFcBias(parameters[119], gradients[119]);
        StepH9MlpCProjWeight(parameters[120], gradients[120]);
        StepH9MlpCProjBias(parameters[121], gradients[121]);
        StepH10Ln1Weight(parameters[122], gradients[122]);
        StepH10Ln1Bias(parameters[123], gradients[123]);
        StepH10AttnCAttnWeight(parameters[124], gradients[124]);
        StepH10AttnCAttnBias(parameters[125], gradients[125]);
        StepH10AttnCProjWeight(parameters[126], gradients[126]);
        StepH10AttnCProjBias(parameters[127], gradients[127]);
        StepH10Ln2Weight(parameters[128], gradients[128]);
        StepH10Ln2Bias(parameters[129], gradients[129]);
        StepH10MlpCFcWeight(parameters[130], gradients[130]);
        StepH10MlpCFcBias(parameters[131], gradients[131]);
        StepH10MlpCProjWeight(parameters[132], gradients[132]);
        StepH10MlpCProjBias(parameters[133], gradients[133]);
        StepH11Ln1Weight(parameters[134], gradients[134]);
        StepH11Ln1Bias(parameters[135], gradients[135]);
        StepH11AttnCAttnWeight(parameters[136], gradients[136]);
        StepH11AttnCAttnBias(parameters[137], gradients[137]);
        StepH11AttnCProjWeight(parameters[138], gradients[138]);
        StepH11AttnCProjBias(parameters[139], gradients[139]);
        StepH11Ln2Weight(parameters[140], gradients[140]);
        StepH11Ln2Bias(parameters[141], gradients[141]);
        StepH11MlpCFcWeight(parameters[142], gradients[142]);
        StepH11MlpCFcBias(parameters[143], gradients[143]);
        StepH11MlpCProjWeight(parameters[144], gradients[144]);
        StepH11MlpCProjBias(parameters[145], gradients[145]);
        StepLnFWeight(parameters[146], gradients[146]);
        StepLnFBias(parameters[147], gradients[147]);
        EndIteration();
    }

    public bool StepAllSets(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients) =>
        StepAll(
            parameters[0], gradients[0], parameters[1], gradients[1],
            parameters[2], gradients[2], parameters[3], gradients[3],
            parameters[4], gradients[4], parameters[5], gradients[5],
            parameters[6], gradients[6], parameters[7], gradients[7],
            parameters[8], gradients[8], parameters[9], gradients[9],
            parameters[10], gradients[10], parameters[11], gradients[11],
            parameters[12], gradients[12], parameters[13], gradients[13],
            parameters[14], gradients[14], parameters[15], gradients[15],
            parameters[16], gradients[16], parameters[17], gradients[17],
            parameters[18], gradients[18], parameters[19], gradients[19],
            parameters[20], gradients[20], parameters[21], gradients[21],
            parameters[22], gradients[22], parameters[23], gradients[23],
            parameters[24], gradients[24], parameters[25], gradients[25],
            parameters[26], gradients[26], parameters[27], gradients[27],
            parameters[28], gradients[28], parameters[29], gradients[29],
            parameters[30], gradients[30], parameters[31], gradients[31],
            parameters[32], gradients[32], parameters[33], gradients[33],
            parameters[34], gradients[34], parameters[35], gradients[35],
            parameters[36], gradients[36], parameters[37], gradients[37],
            parameters[38], gradients[38], parameters[39], gradients[39],
            parameters[40], gradients[40], parameters[41], gradients[41],
            parameters[42], gradients[42], parameters[43], gradients[43],
            parameters[44], gradients[44], parameters[45], gradients[45],
            parameters[46], gradients[46], parameters[47], gradients[47],
            parameters[48], gradients[48], parameters[49], gradients[49],
            parameters[50], gradients[50], parameters[51], gradients[51],
            parameters[52], gradients[52], parameters[53], gradients[53],
            parameters[54], gradients[54], parameters[55], gradients[55],
            parameters[56], gradients[56], parameters[57], gradients[57],
            parameters[58], gradients[58], parameters[59], gradients[59],
            parameters[60], gradients[60], parameters[61], gradients[61],
            parameters[62], gradients[62], parameters[63], gradients[63],
            parameters[64], gradients[64], parameters[65], gradients[65],
            parameters[66], gradients[66], parameters[67], gradients[67],
            parameters[68], gradients[68], parameters[69], gradients[69],
            parameters[70], gradients[70], parameters[71], gradients[71],
            parameters[72], gradients[72], parameters[73], gradients[73],
            parameters[74], gradients[74], parameters[75], gradients[75],
            parameters[76], gradients[76], parameters[77], gradients[77],
            parameters[78], gradients[78], parameters[79], gradients[79],
            parameters[80], gradients[80], parameters[81], gradients[81],
            parameters[82], gradients[82], parameters[83], gradients[83],
            parameters[84], gradients[84], parameters[85], gradients[85],
            parameters[86], gradients[86], parameters[87], gradients[87],
            parameters[88], gradients[88], parameters[89], gradients[89],
            parameters[90], gradients[90], parameters[91], gradients[91],
            parameters[92], gradients[92], parameters[93], gradients[93],
            parameters[94], gradients[94], parameters[95], gradients[95],
            parameters[96], gradients[96], parameters[97], gradients[97],
            parameters[98], gradients[98], parameters[99], gradients[99],
            parameters[100], gradients[100], parameters[101], gradients[101],
            parameters[102], gradients[102], parameters[103], gradients[103],
            parameters[104], gradients[104], parameters[105], gradients[105],
            parameters[106], gradients[106], parameters[107], gradients[107],
            parameters[108], gradients[108], parameters[109], gradients[109],
            parameters[110], gradients[110], parameters[111], gradients[111],
            parameters[112], gradients[112], parameters[113], gradients[113],
            parameters[114], gradients[114], parameters[115], gradients[115],
            parameters[116], gradients[116], parameters[117], gradients[117],
            parameters[118], gradients[118], parameters[119], gradients[119],
            parameters[120], gradients[120], parameters[121], gradients[121],
            parameters[122], gradients[122], parameters[123], gradients[123],
            parameters[124], gradients[124], parameters[125], gradients[125],
            parameters[126], gradients[126], parameters[127], gradients[127],
            parameters[128], gradients[128], parameters[129], gradients[129],
            parameters[130], gradients[130], parameters[131], gradients[131],
            parameters[132], gradients[132], parameters[133], gradients[133],
            parameters[134], gradients[134], parameters[135], gradients[135],
            parameters[136], gradients[136], parameters[137], gradients[137],
            parameters[138], gradients[138], parameters[139], gradients[139],
            parameters[140], gradients[140], parameters[141], gradients[141],
            parameters[142], gradients[142], parameters[143], gradients[143],
            parameters[144], gradients[144], parameters[145], gradients[145],
            parameters[146], gradients[146], parameters[147], gradients[147]);
}

/// <summary>
/// Adafactor at PyTorch's defaults declaring GPT-2 small's 148 tensors (124,439,808 parameters),
/// with Hugging Face's names and shapes.
/// </summary>
[AdafactorOptimizer]
public partial class Gpt2SmallAdafactor : IDeclaredLayout
{
    [Parameter(50257, 768, Name = "wte.weight")]
    public partial void StepWteWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(1024, 768, Name = "wpe.weight")]
    public partial void StepWpeWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_1.weight")]
    public partial void StepH0Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_1.bias")]
    public partial void StepH0Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.0.attn.c_attn.weight")]
    public partial void StepH0AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.0.attn.c_attn.bias")]
    public partial void StepH0AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.0.attn.c_proj.weight")]
    public partial void StepH0AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.attn.c_proj.bias")]
    public partial void StepH0AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_2.weight")]
    public partial void StepH0Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.ln_2.bias")]
    public partial void StepH0Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.0.mlp.c_fc.weight")]
    public partial void StepH0MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.0.mlp.c_fc.bias")]
    public partial void StepH0MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.0.mlp.c_proj.weight")]
    public partial void StepH0MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.0.mlp.c_proj.bias")]
    public partial void StepH0MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_1.weight")]
    public partial void StepH1Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_1.bias")]
    public partial void StepH1Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.1.attn.c_attn.weight")]
    public partial void StepH1AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.1.attn.c_attn.bias")]
    public partial void StepH1AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.1.attn.c_proj.weight")]
    public partial void StepH1AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.attn.c_proj.bias")]
    public partial void StepH1AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_2.weight")]
    public partial void StepH1Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.ln_2.bias")]
    public partial void StepH1Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.1.mlp.c_fc.weight")]
    public partial void StepH1MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.1.mlp.c_fc.bias")]
    public partial void StepH1MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.1.mlp.c_proj.weight")]
    public partial void StepH1MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.1.mlp.c_proj.bias")]
    public partial void StepH1MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_1.weight")]
    public partial void StepH2Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_1.bias")]
    public partial void StepH2Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.2.attn.c_attn.weight")]
    public partial void StepH2AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.2.attn.c_attn.bias")]
    public partial void StepH2AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.2.attn.c_proj.weight")]
    public partial void StepH2AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.attn.c_proj.bias")]
    public partial void StepH2AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_2.weight")]
    public partial void StepH2Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.ln_2.bias")]
    public partial void StepH2Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.2.mlp.c_fc.weight")]
    public partial void StepH2MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.2.mlp.c_fc.bias")]
    public partial void StepH2MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.2.mlp.c_proj.weight")]
    public partial void StepH2MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.2.mlp.c_proj.bias")]
    public partial void StepH2MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_1.weight")]
    public partial void StepH3Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_1.bias")]
    public partial void StepH3Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.3.attn.c_attn.weight")]
    public partial void StepH3AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.3.attn.c_attn.bias")]
    public partial void StepH3AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.3.attn.c_proj.weight")]
    public partial void StepH3AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.attn.c_proj.bias")]
    public partial void StepH3AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_2.weight")]
    public partial void StepH3Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.ln_2.bias")]
    public partial void StepH3Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.3.mlp.c_fc.weight")]
    public partial void StepH3MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.3.mlp.c_fc.bias")]
    public partial void StepH3MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.3.mlp.c_proj.weight")]
    public partial void StepH3MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.3.mlp.c_proj.bias")]
    public partial void StepH3MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_1.weight")]
    public partial void StepH4Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_1.bias")]
    public partial void StepH4Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.4.attn.c_attn.weight")]
    public partial void StepH4AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.4.attn.c_attn.bias")]
    public partial void StepH4AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.4.attn.c_proj.weight")]
    public partial void StepH4AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.attn.c_proj.bias")]
    public partial void StepH4AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_2.weight")]
    public partial void StepH4Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.ln_2.bias")]
    public partial void StepH4Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.4.mlp.c_fc.weight")]
    public partial void StepH4MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.4.mlp.c_fc.bias")]
    public partial void StepH4MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.4.mlp.c_proj.weight")]
    public partial void StepH4MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.4.mlp.c_proj.bias")]
    public partial void StepH4MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_1.weight")]
    public partial void StepH5Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_1.bias")]
    public partial void StepH5Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.5.attn.c_attn.weight")]
    public partial void StepH5AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.5.attn.c_attn.bias")]
    public partial void StepH5AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.5.attn.c_proj.weight")]
    public partial void StepH5AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.attn.c_proj.bias")]
    public partial void StepH5AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_2.weight")]
    public partial void StepH5Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.ln_2.bias")]
    public partial void StepH5Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.5.mlp.c_fc.weight")]
    public partial void StepH5MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.5.mlp.c_fc.bias")]
    public partial void StepH5MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.5.mlp.c_proj.weight")]
    public partial void StepH5MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.5.mlp.c_proj.bias")]
    public partial void StepH5MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_1.weight")]
    public partial void StepH6Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_1.bias")]
    public partial void StepH6Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.6.attn.c_attn.weight")]
    public partial void StepH6AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.6.attn.c_attn.bias")]
    public partial void StepH6AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.6.attn.c_proj.weight")]
    public partial void StepH6AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.attn.c_proj.bias")]
    public partial void StepH6AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_2.weight")]
    public partial void StepH6Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.ln_2.bias")]
    public partial void StepH6Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.6.mlp.c_fc.weight")]
    public partial void StepH6MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.6.mlp.c_fc.bias")]
    public partial void StepH6MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.6.mlp.c_proj.weight")]
    public partial void StepH6MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.6.mlp.c_proj.bias")]
    public partial void StepH6MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_1.weight")]
    public partial void StepH7Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_1.bias")]
    public partial void StepH7Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.7.attn.c_attn.weight")]
    public partial void StepH7AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.7.attn.c_attn.bias")]
    public partial void StepH7AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.7.attn.c_proj.weight")]
    public partial void StepH7AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.attn.c_proj.bias")]
    public partial void StepH7AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_2.weight")]
    public partial void StepH7Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.ln_2.bias")]
    public partial void StepH7Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.7.mlp.c_fc.weight")]
    public partial void StepH7MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.7.mlp.c_fc.bias")]
    public partial void StepH7MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.7.mlp.c_proj.weight")]
    public partial void StepH7MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.7.mlp.c_proj.bias")]
    public partial void StepH7MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_1.weight")]
    public partial void StepH8Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_1.bias")]
    public partial void StepH8Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.8.attn.c_attn.weight")]
    public partial void StepH8AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.8.attn.c_attn.bias")]
    public partial void StepH8AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.8.attn.c_proj.weight")]
    public partial void StepH8AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.attn.c_proj.bias")]
    public partial void StepH8AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_2.weight")]
    public partial void StepH8Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.ln_2.bias")]
    public partial void StepH8Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.8.mlp.c_fc.weight")]
    public partial void StepH8MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.8.mlp.c_fc.bias")]
    public partial void StepH8MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.8.mlp.c_proj.weight")]
    public partial void StepH8MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.8.mlp.c_proj.bias")]
    public partial void StepH8MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_1.weight")]
    public partial void StepH9Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_1.bias")]
    public partial void StepH9Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.9.attn.c_attn.weight")]
    public partial void StepH9AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.9.attn.c_attn.bias")]
    public partial void StepH9AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.9.attn.c_proj.weight")]
    public partial void StepH9AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.attn.c_proj.bias")]
    public partial void StepH9AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_2.weight")]
    public partial void StepH9Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.ln_2.bias")]
    public partial void StepH9Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.9.mlp.c_fc.weight")]
    public partial void StepH9MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.9.mlp.c_fc.bias")]
    public partial void StepH9MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.9.mlp.c_proj.weight")]
    public partial void StepH9MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.9.mlp.c_proj.bias")]
    public partial void StepH9MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_1.weight")]
    public partial void StepH10Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_1.bias")]
    public partial void StepH10Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.10.attn.c_attn.weight")]
    public partial void StepH10AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.10.attn.c_attn.bias")]
    public partial void StepH10AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.10.attn.c_proj.weight")]
    public partial void StepH10AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.attn.c_proj.bias")]
    public partial void StepH10AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_2.weight")]
    public partial void StepH10Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.ln_2.bias")]
    public partial void StepH10Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.10.mlp.c_fc.weight")]
    public partial void StepH10MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.10.mlp.c_fc.bias")]
    public partial void StepH10MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.10.mlp.c_proj.weight")]
    public partial void StepH10MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.10.mlp.c_proj.bias")]
    public partial void StepH10MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_1.weight")]
    public partial void StepH11Ln1Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_1.bias")]
    public partial void StepH11Ln1Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 2304, Name = "h.11.attn.c_attn.weight")]
    public partial void StepH11AttnCAttnWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(2304, Name = "h.11.attn.c_attn.bias")]
    public partial void StepH11AttnCAttnBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 768, Name = "h.11.attn.c_proj.weight")]
    public partial void StepH11AttnCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.attn.c_proj.bias")]
    public partial void StepH11AttnCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_2.weight")]
    public partial void StepH11Ln2Weight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.ln_2.bias")]
    public partial void StepH11Ln2Bias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, 3072, Name = "h.11.mlp.c_fc.weight")]
    public partial void StepH11MlpCFcWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, Name = "h.11.mlp.c_fc.bias")]
    public partial void StepH11MlpCFcBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(3072, 768, Name = "h.11.mlp.c_proj.weight")]
    public partial void StepH11MlpCProjWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "h.11.mlp.c_proj.bias")]
    public partial void StepH11MlpCProjBias(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "ln_f.weight")]
    public partial void StepLnFWeight(Span<float> p, ReadOnlySpan<float> g);

    [Parameter(768, Name = "ln_f.bias")]
    public partial void StepLnFBias(Span<float> p, ReadOnlySpan<float> g);

    public void StepEachSet(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients)
    {
        StepWteWeight(parameters[0], gradients[0]);
        StepWpeWeight(parameters[1], gradients[1]);
        StepH0Ln1Weight(parameters[2], gradients[2]);
        StepH0Ln1Bias(parameters[3], gradients[3]);
        StepH0AttnCAttnWeight(parameters[4], gradients[4]);
        StepH0AttnCAttnBias(parameters[5], gradients[5]);
        StepH0AttnCProjWeight(parameters[6], gradients[6]);
        StepH0AttnCProjBias(parameters[7], gradients[7]);
        StepH0Ln2Weight(parameters[8], gradients[8]);
        StepH0Ln2Bias(parameters[9], gradients[9]);
        StepH0MlpCFcWeight(parameters[10], gradients[10]);
        StepH0MlpCFcBias(parameters[11], gradients[11]);
        StepH0MlpCProjWeight(parameters[12], gradients[12]);
        StepH0MlpCProjBias(parameters[13], gradients[13]);
        StepH1Ln1Weight(parameters[14], gradients[14]);
        StepH1Ln1Bias(parameters[15], gradients[15]);
        StepH1AttnCAttnWeight(parameters[16], gradients[16]);
        StepH1AttnCAttnBias(parameters[17], gradients[17]);
        StepH1AttnCProjWeight(parameters[18], gradients[18]);
        StepH1AttnCProjBias(parameters[19], gradients[19]);
        StepH1Ln2Weight(parameters[20], gradients[20]);
        StepH1Ln2Bias(parameters[21], gradients[21]);
        StepH1MlpCFcWeight(parameters[22], gradients[22]);
        StepH1MlpCFcBias(parameters[23], gradients[23]);
        StepH1MlpCProjWeight(parameters[24], gradients[24]);
        StepH1MlpCProjBias(parameters[25], gradients[25]);
        StepH2Ln1Weight(parameters[26], gradients[26]);
        StepH2Ln1Bias(parameters[27], gradients[27]);
        StepH2AttnCAttnWeight(parameters[28], gradients[28]);
        StepH2AttnCAttnBias(parameters[29], gradients[29]);
        StepH2AttnCProjWeight(parameters[30], gradients[30]);
        StepH2AttnCProjBias(parameters[31], gradients[31]);
        StepH2Ln2Weight(parameters[32], gradients[32]);
        StepH2Ln2Bias(parameters[33], gradients[33]);
        StepH2MlpCFcWeight(parameters[34], gradients[34]);
        StepH2MlpCFcBias(parameters[35], gradients[35]);
        StepH2MlpCProjWeight(parameters[36], gradients[36]);
        StepH2MlpCProjBias(parameters[37], gradients[37]);
        StepH3Ln1Weight(parameters[38], gradients[38]);
        StepH3Ln1Bias(parameters[39], gradients[39]);
        StepH3AttnCAttnWeight(parameters[40], gradients[40]);
        StepH3AttnCAttnBias(parameters[41], gradients[41]);
        StepH3AttnCProjWeight(parameters[42], gradients[42]);
        StepH3AttnCProjBias(parameters[43], gradients[43]);
        StepH3Ln2Weight(parameters[44], gradients[44]);
        StepH3Ln2Bias(parameters[45], gradients[45]);
        StepH3MlpCFcWeight(parameters[46], gradients[46]);
        StepH3MlpCFcBias(parameters[47], gradients[47]);
        StepH3MlpCProjWeight(parameters[48], gradients[48]);
        StepH3MlpCProjBias(parameters[49], gradients[49]);
        StepH4Ln1Weight(parameters[50], gradients[50]);
        StepH4Ln1Bias(parameters[51], gradients[51]);
        StepH4AttnCAttnWeight(parameters[52], gradients[52]);
        StepH4AttnCAttnBias(parameters[53], gradients[53]);
        StepH4AttnCProjWeight(parameters[54], gradients[54]);
        StepH4AttnCProjBias(parameters[55], gradients[55]);
        StepH4Ln2Weight(parameters[56], gradients[56]);
        StepH4Ln2Bias(parameters[57], gradients[57]);
        StepH4MlpCFcWeight(parameters[58], gradients[58]);
        StepH4MlpCFcBias(parameters[59], gradients[59]);
        StepH4MlpCProjWeight(parameters[60], gradients[60]);
        StepH4MlpCProjBias(parameters[61], gradients[61]);
        StepH5Ln1Weight(parameters[62], gradients[62]);
        StepH5Ln1Bias(parameters[63], gradients[63]);
        StepH5AttnCAttnWeight(parameters[64], gradients[64]);
        StepH5AttnCAttnBias(parameters[65], gradients[65]);
        StepH5AttnCProjWeight(parameters[66], gradients[66]);
        StepH5AttnCProjBias(parameters[67], gradients[67]);
        StepH5Ln2Weight(parameters[68], gradients[68]);
        StepH5Ln2Bias(parameters[69], gradients[69]);
        StepH5MlpCFcWeight(parameters[70], gradients[70]);
        StepH5MlpCFcBias(parameters[71], gradients[71]);
        StepH5MlpCProjWeight(parameters[72], gradients[72]);
        StepH5MlpCProjBias(parameters[73], gradients[73]);
        StepH6Ln1Weight(parameters[74], gradients[74]);
        StepH6Ln1Bias(parameters[75], gradients[75]);
        StepH6AttnCAttnWeight(parameters[76], gradients[76]);
        StepH6AttnCAttnBias(parameters[77], gradients[77]);
        StepH6AttnCProjWeight(parameters[78], gradients[78]);
        StepH6AttnCProjBias(parameters[79], gradients[79]);
        StepH6Ln2Weight(parameters[80], gradients[80]);
        StepH6Ln2Bias(parameters[81], gradients[81]);
        StepH6MlpCFcWeight(parameters[82], gradients[82]);
        StepH6MlpCFcBias(parameters[83], gradients[83]);
        StepH6MlpCProjWeight(parameters[84], gradients[84]);
        StepH6MlpCProjBias(parameters[85], gradients[85]);
        StepH7Ln1Weight(parameters[86], gradients[86]);
        StepH7Ln1Bias(parameters[87], gradients[87]);
        StepH7AttnCAttnWeight(parameters[88], gradients[88]);
        StepH7AttnCAttnBias(parameters[89], gradients[89]);
        StepH7AttnCProjWeight(parameters[90], gradients[90]);
        StepH7AttnCProjBias(parameters[91], gradients[91]);
        StepH7Ln2Weight(parameters[92], gradients[92]);
        StepH7Ln2Bias(parameters[93], gradients[93]);
        StepH7MlpCFcWeight(parameters[94], gradients[94]);
        StepH7MlpCFcBias(parameters[95], gradients[95]);
        StepH7MlpCProjWeight(parameters[96], gradients[96]);
        StepH7MlpCProjBias(parameters[97], gradients[97]);
        StepH8Ln1Weight(parameters[98], gradients[98]);
        StepH8Ln1Bias(parameters[99], gradients[99]);
        StepH8AttnCAttnWeight(parameters[100], gradients[100]);
        StepH8AttnCAttnBias(parameters[101], gradients[101]);
        StepH8AttnCProjWeight(parameters[102], gradients[102]);
        StepH8AttnCProjBias(parameters[103], gradients[103]);
        StepH8Ln2Weight(parameters[104], gradients[104]);
        StepH8Ln2Bias(parameters[105], gradients[105]);
        StepH8MlpCFcWeight(parameters[106], gradients[106]);
        StepH8MlpCFcBias(parameters[107], gradients[107]);
        StepH8MlpCProjWeight(parameters[108], gradients[108]);
        StepH8MlpCProjBias(parameters[109], gradients[109]);
        StepH9Ln1Weight(parameters[110], gradients[110]);
        StepH9Ln1Bias(parameters[111], gradients[111]);
        StepH9AttnCAttnWeight(parameters[112], gradients[112]);
        StepH9AttnCAttnBias(parameters[113], gradients[113]);
        StepH9AttnCProjWeight(parameters[114], gradients[114]);
        StepH9AttnCProjBias(parameters[115], gradients[115]);
        StepH9Ln2Weight(parameters[116], gradients[116]);
        StepH9Ln2Bias(parameters[117], gradients[117]);
        StepH9MlpCFcWeight(parameters[118], gradients[118]);
        StepH9MlpCFcBias(parameters[119], gradients[119]);
        StepH9MlpCProjWeight(parameters[120], gradients[120]);
        StepH9MlpCProjBias(parameters[121], gradients[121]);
        StepH10Ln1Weight(parameters[122], gradients[122]);
        StepH10Ln1Bias(parameters[123], gradients[123]);
        StepH10AttnCAttnWeight(parameters[124], gradients[124]);
        StepH10AttnCAttnBias(parameters[125], gradients[125]);
        StepH10AttnCProjWeight(parameters[126], gradients[126]);
        StepH10AttnCProjBias(parameters[127], gradients[127]);
        StepH10Ln2Weight(parameters[128], gradients[128]);
        StepH10Ln2Bias(parameters[129], gradients[129]);
        StepH10MlpCFcWeight(parameters[130], gradients[130]);
        StepH10MlpCFcBias(parameters[131], gradients[131]);
        StepH10MlpCProjWeight(parameters[132], gradients[132]);
        StepH10MlpCProjBias(parameters[133], gradients[133]);
        StepH11Ln1Weight(parameters[134], gradients[134]);
        StepH11Ln1Bias(parameters[135], gradients[135]);
        StepH11AttnCAttnWeight(parameters[136], gradients[136]);
        StepH11AttnCAttnBias(parameters[137], gradients[137]);
        StepH11AttnCProjWeight(parameters[138], gradients[138]);
        StepH11AttnCProjBias(parameters[139], gradients[139]);
        StepH11Ln2Weight(parameters[140], gradients[140]);
        StepH11Ln2Bias(parameters[141], gradients[141]);
        StepH11MlpCFcWeight(parameters[142], gradients[142]);
        StepH11MlpCFcBias(parameters[143], gradients[143]);
        StepH11MlpCProjWeight(parameters[144], gradients[144]);
        StepH11MlpCProjBias(parameters[145], gradients[145]);
        StepLnFWeight(parameters[146], gradients[146]);
        StepLnFBias(parameters[147], gradients[147]);
        EndIteration();
    }

    public bool StepAllSets(ArraySegment<float>[] parameters, ArraySegment<float>[] gradients) =>
        StepAll(
            parameters[0], gradients[0], parameters[1], gradients[1],
            parameters[2], gradients[2], parameters[3], gradients[3],
            parameters[4], gradients[4], parameters[5], gradients[5],
            parameters[6], gradients[6], parameters[7], gradients[7],
            parameters[8], gradients[8], parameters[9], gradients[9],
            parameters[10], gradients[10], parameters[11], gradients[11],
            parameters[12], gradients[12], parameters[13], gradients[13],
            parameters[14], gradients[14], parameters[15], gradients[15],
            parameters[16], gradients[16], parameters[17], gradients[17],
            parameters[18], gradients[18], parameters[19], gradients[19],
            parameters[20], gradients[20], parameters[21], gradients[21],
            parameters[22], gradients[22], parameters[23], gradients[23],
            parameters[24], gradients[24], parameters[25], gradients[25],
            parameters[26], gradients[26], parameters[27], gradients[27],
            parameters[28], gradients[28], parameters[29], gradients[29],
            parameters[30], gradients[30], parameters[31], gradients[31],
            parameters[32], gradients[32], parameters[33], gradients[33],
            parameters[34], gradients[34], parameters[35], gradients[35],
            parameters[36], gradients[36], parameters[37], gradients[37],
            parameters[38], gradients[38], parameters[39], gradients[39],
            parameters[40], gradients[40], parameters[41], gradients[41],
            parameters[42], gradients[42], parameters[43], gradients[43],
            parameters[44], gradients[44], parameters[45], gradients[45],
            parameters[46], gradients[46], parameters[47], gradients[47],
            parameters[48], gradients[48], parameters[49], gradients[49],
            parameters[50], gradients[50], parameters[51], gradients[51],
            parameters[52], gradients[52], parameters[53], gradients[53],
            parameters[54], gradients[54], parameters[55], gradients[55],
            parameters[56], gradients[56], parameters[57], gradients[57],
            parameters[58], gradients[58], parameters[59], gradients[59],
            parameters[60], gradients[60], parameters[61], gradients[61],
            parameters[62], gradients[62], parameters[63], gradients[63],
            parameters[64], gradients[64], parameters[65], gradients[65],
            parameters[66], gradients[66], parameters[67], gradients[67],
            parameters[68], gradients[68], parameters[69], gradients[69],
            parameters[70], gradients[70], parameters[71], gradients[71],
            parameters[72], gradients[72], parameters[73], gradients[73],
            parameters[74], gradients[74], parameters[75], gradients[75],
            parameters[76], gradients[76], parameters[77], gradients[77],
            parameters[78], gradients[78], parameters[79], gradients[79],
            parameters[80], gradients[80], parameters[81], gradients[81],
            parameters[82], gradients[82], parameters[83], gradients[83],
            parameters[84], gradients[84], parameters[85], gradients[85],
            parameters[86], gradients[86], parameters[87], gradients[87],
            parameters[88], gradients[88], parameters[89], gradients[89],
            parameters[90], gradients[90], parameters[91], gradients[91],
            parameters[92], gradients[92], parameters[93], gradients[93],
            parameters[94], gradients[94], parameters[95], gradients[95],
            parameters[96], gradients[96], parameters[97], gradients[97],
            parameters[98], gradients[98], parameters[99], gradients[99],
            parameters[100], gradients[100], parameters[101], gradients[101],
            parameters[102], gradients[102], parameters[103], gradients[103],
            parameters[104], gradients[104], parameters[105], gradients[105],
            parameters[106], gradients[106], parameters[107], gradients[107],
            parameters[108], gradients[108], parameters[109], gradients[109],
            parameters[110], gradients[110], parameters[111], gradients[111],
            parameters[112], gradients[112], parameters[113], gradients[113],
            parameters[114], gradients[114], parameters[115], gradients[115],
            parameters[116], gradients[116], parameters[117], gradients[117],
            parameters[118], gradients[118], parameters[119], gradients[119],
            parameters[120], gradients[120], parameters[121], gradients[121],
            parameters[122], gradients[122], parameters[123], gradients[123],
            parameters[124], gradients[124], parameters[125], gradients[125],
            parameters[126], gradients[126], parameters[127], gradients[127],
            parameters[128], gradients[128], parameters[129], gradients[129],
            parameters[130], gradients[130], parameters[131], gradients[131],
            parameters[132], gradients[132], parameters[133], gradients[133],
            parameters[134], gradients[134], parameters[135], gradients[135],
            parameters[136], gradients[136], parameters[137], gradients[137],
            parameters[138], gradients[138], parameters[139], gradients[139],
            parameters[140], gradients[140], parameters[141], gradients[141],
            parameters[142], gradients[142], parameters[143], gradients[143],
            parameters[144], gradients[144], parameters[145], gradients[145],
            parameters[146], gradients[146], parameters[147], gradients[147]);
}
