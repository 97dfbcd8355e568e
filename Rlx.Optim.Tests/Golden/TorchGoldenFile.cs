using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Rlx.Optim.Tests.Golden;

/// <summary>
/// PyTorch's golden vectors (<c>torch-v1.json</c>, <c>torch-family2-v1.json</c> for Adagrad and RMSprop, and
/// <c>torch-clip-v1.json</c> with clipping and parameter groups; the format is in Golden/README.md).
/// </summary>
public sealed record TorchGoldenFile(string Format, string Torch, IReadOnlyList<TorchCase> Cases)
{
    private static readonly Lazy<TorchGoldenFile> s_instance = new(() => SeedGoldenFile.Load<TorchGoldenFile>("torch-v1.json"));
    private static readonly Lazy<TorchGoldenFile> s_family2 = new(() => SeedGoldenFile.Load<TorchGoldenFile>("torch-family2-v1.json"));
    private static readonly Lazy<TorchGoldenFile> s_adafactor = new(() => SeedGoldenFile.Load<TorchGoldenFile>("torch-adafactor-v1.json"));
    private static readonly Lazy<TorchGoldenFile> s_scheduleFree = new(() => SeedGoldenFile.Load<TorchGoldenFile>("schedulefree-v1.json"));
    private static readonly Lazy<TorchGoldenFile> s_clipping = new(() => SeedGoldenFile.Load<TorchGoldenFile>("torch-clip-v1.json"));
    private static readonly Lazy<TorchGoldenFile> s_lamb = new(() => SeedGoldenFile.Load<TorchGoldenFile>("lamb-v1.json"));
    private static readonly Lazy<TorchGoldenFile> s_lambClipping = new(() => SeedGoldenFile.Load<TorchGoldenFile>("lamb-clip-v1.json"));

    public static TorchGoldenFile Instance => s_instance.Value;

    /// <summary>Adagrad and RMSprop (made by make_torch_family2_goldens.py).</summary>
    public static TorchGoldenFile Family2 => s_family2.Value;

    /// <summary>Adafactor as torch.optim.Adafactor (2.5+) defines it (made by make_torch_adafactor_goldens.py).</summary>
    public static TorchGoldenFile Adafactor => s_adafactor.Value;

    /// <summary>LAMB, against a float32 reference of optax.lamb (made by make_lamb_goldens.py; PyTorch 1.13 has no LAMB).</summary>
    public static TorchGoldenFile Lamb => s_lamb.Value;

    /// <summary>Schedule-Free AdamW against its float32 reference (made by make_schedulefree_goldens.py).</summary>
    public static TorchGoldenFile ScheduleFree => s_scheduleFree.Value;

    /// <summary>Every optimizer case without clipping: torch-v1's, torch-family2-v1's, lamb-v1's, then schedulefree-v1's.</summary>
    public static IEnumerable<TorchCase> OptimizerCases => Instance.Cases.Concat(Family2.Cases).Concat(Lamb.Cases).Concat(ScheduleFree.Cases);

    /// <summary>The optimizer case (without clipping) of that name, in either file.</summary>
    public static TorchCase OptimizerCase(string name) => OptimizerCases.Single(c => c.Name == name);

    /// <summary><c>clip_grad_norm_</c> followed by the optimizer (made by make_torch_clip_goldens.py).</summary>
    public static TorchGoldenFile Clipping => s_clipping.Value;

    /// <summary>Every clipping case: torch-clip-v1's, then lamb-clip-v1's (clip_grad_norm_, then LAMB).</summary>
    public static IEnumerable<TorchCase> ClippingCases => Clipping.Cases.Concat(s_lambClipping.Value.Cases);

    /// <summary>The clipping case of that name, in either file.</summary>
    public static TorchCase ClippingCase(string name) => ClippingCases.Single(c => c.Name == name);

    public TorchCase Case(string name) => Cases.Single(c => c.Name == name);
}

/// <summary>
/// One PyTorch case: the optimizer and its constructor's keyword arguments (applied by the declarations in
/// TorchGoldenOptimizers.cs), how to draw the data, and the results. A clipping case also has the clipping norm (null:
/// none), each tensor's learning-rate scale (its parameter group's lr over the optimizer's) and the norm
/// <c>clip_grad_norm_</c> returned at each step. A Schedule-Free case may set each iteration's learning rate
/// (<paramref name="Lrs"/>) and holds the final largest rate and sum of weights as float bit patterns.
/// </summary>
public sealed record TorchCase(
    string Name,
    string Optimizer,
    IReadOnlyDictionary<string, JsonElement> Options,
    int Steps,
    ulong Seed,
    float ParamScale,
    float GradScale,
    IReadOnlyList<uint[]> SpecialGrads,
    IReadOnlyList<TorchTensor> Tensors,
    double? MaxNorm = null,
    double[]? LrScales = null,
    uint[]? Norms = null,
    double[]? Lrs = null,
    uint? WeightSum = null,
    uint? MaxLr = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// One tensor of a PyTorch case; every array holds float bit patterns, the state under PyTorch's names. Adafactor's
/// cases also give the tensor's shape and each state tensor's own shape.
/// </summary>
public sealed record TorchTensor(
    string Name,
    int Length,
    uint[] Initial,
    uint[] AfterFirstStep,
    uint[] Final,
    IReadOnlyDictionary<string, uint[]> FinalState,
    int[]? Shape = null,
    IReadOnlyDictionary<string, int[]>? FinalStateShapes = null);
