using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// PyTorch's <c>clip_grad_norm_</c> followed by its optimizer (<c>torch-clip-v1.json</c>, made by
/// Golden/make_torch_clip_goldens.py; the format is in Golden/README.md).
/// </summary>
public sealed record TorchClipGoldenFile(string Format, string Torch, IReadOnlyList<TorchClipCase> Cases)
{
    private static readonly Lazy<TorchClipGoldenFile> s_instance = new(() => SeedGoldenFile.Load<TorchClipGoldenFile>("torch-clip-v1.json"));

    public static TorchClipGoldenFile Instance => s_instance.Value;

    public TorchClipCase Case(string name) => Cases.Single(c => c.Name == name);
}

/// <summary>
/// One case: a torch-v1 case (drawn the same way) with the clipping norm (null: none), each tensor's learning-rate
/// scale (its parameter group's lr over the optimizer's), and the norm <c>clip_grad_norm_</c> returned at each step.
/// </summary>
public sealed record TorchClipCase(
    string Name,
    string Optimizer,
    IReadOnlyDictionary<string, JsonElement> Options,
    int Steps,
    ulong Seed,
    float ParamScale,
    float GradScale,
    IReadOnlyList<uint[]> SpecialGrads,
    double? MaxNorm,
    double[] LrScales,
    uint[] Norms,
    IReadOnlyList<TorchTensor> Tensors)
{
    public override string ToString() => Name;
}
