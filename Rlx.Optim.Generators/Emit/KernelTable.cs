using System.Collections.Generic;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The distinct kernels of an optimizer: one per distinct set of folded hyperparameters. Sets that override
/// nothing share <c>DefaultKernel</c>, which also serves names not declared; a set with its own values gets a
/// kernel named after it.
/// </summary>
internal sealed class KernelTable
{
    public const string DefaultKernelName = "DefaultKernel";

    private readonly List<(KernelSpec Spec, string Name)> _kernels = new();

    public KernelTable(OptimizerSpec spec)
    {
        _kernels.Add((spec.DefaultKernel, DefaultKernelName));
        foreach (ParameterSetSpec set in spec.Sets)
        {
            if (Find(set.Kernel) is null)
            {
                _kernels.Add((set.Kernel, UniqueName(SetNames.Stem(set.MethodName) + "Kernel")));
            }
        }
    }

    /// <summary>Every kernel with its struct name, the default first.</summary>
    public IReadOnlyList<(KernelSpec Spec, string Name)> Kernels => _kernels;

    public string NameOf(KernelSpec kernel) =>
        Find(kernel) ?? throw new KeyNotFoundException("Every set's kernel is in the table.");

    private string? Find(KernelSpec kernel)
    {
        foreach ((KernelSpec spec, string name) in _kernels)
        {
            if (spec.Equals(kernel))
            {
                return name;
            }
        }

        return null;
    }

    private string UniqueName(string candidate)
    {
        string name = candidate;
        for (int suffix = 2; _kernels.Exists(k => k.Name == name) || name.EndsWith("Scalars", System.StringComparison.Ordinal); suffix++)
        {
            name = candidate + suffix;
        }

        return name;
    }
}
