using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>The C# names the emitter derives for one declared set, unique within the optimizer.</summary>
/// <param name="Index">The set's position in declaration order (its index in the state table).</param>
/// <param name="LengthConstant">The public constant holding its length, e.g. <c>W1Length</c>.</param>
/// <param name="ParameterArgument">Its parameter's name in <c>StepAll</c>, e.g. <c>w1</c>.</param>
/// <param name="GradientArgument">Its gradient's name in <c>StepAll</c>, e.g. <c>w1Gradient</c>.</param>
/// <param name="Kernel">The kernel struct it runs.</param>
internal sealed record SetNames(int Index, string LengthConstant, string ParameterArgument, string GradientArgument, string Kernel)
{
    /// <summary>Derives the names of every set of <paramref name="spec"/>, and the kernel each one uses.</summary>
    public static IReadOnlyList<SetNames> For(OptimizerSpec spec, KernelTable kernels) =>
        For(spec.Sets.Select(set => set.MethodName).ToList(), i => kernels.NameOf(spec.Sets[i].Kernel));

    /// <summary>
    /// Derives the names of sets declared by <paramref name="methodNames"/>, in order; <paramref name="kernelOf"/>
    /// names the kernel of the set at an index.
    /// </summary>
    public static IReadOnlyList<SetNames> For(IReadOnlyList<string> methodNames, Func<int, string> kernelOf)
    {
        var stems = new List<string>();
        var stemCounts = new Dictionary<string, int>();
        foreach (string method in methodNames)
        {
            string stem = Stem(method);
            stems.Add(stem);
            stemCounts[stem] = stemCounts.TryGetValue(stem, out int count) ? count + 1 : 1;
        }

        var names = new List<SetNames>(methodNames.Count);
        var taken = new HashSet<string>();
        for (int i = 0; i < methodNames.Count; i++)
        {
            string stem = stemCounts[stems[i]] > 1 ? methodNames[i] : stems[i];
            string argument = Unique(char.ToLowerInvariant(stem[0]) + stem.Substring(1), taken);
            names.Add(new SetNames(
                i,
                stem + "Length",
                Escape(argument),
                Escape(Unique(argument + "Gradient", taken)),
                kernelOf(i)));
        }

        return names;
    }

    /// <summary>
    /// The method's name without a leading <c>Step</c> (<c>StepW1</c> gives <c>W1</c>), or the whole name when what
    /// remains could not start an identifier (<c>Step4K</c> stays <c>Step4K</c>).
    /// </summary>
    public static string Stem(string methodName) =>
        methodName.Length > 4
        && methodName.StartsWith("Step", System.StringComparison.Ordinal)
        && SyntaxFacts.IsIdentifierStartCharacter(methodName[4])
            ? methodName.Substring(4)
            : methodName;

    /// <summary>Prefixes <c>@</c> to a name that is a C# keyword.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    private static string Unique(string candidate, HashSet<string> taken)
    {
        string name = candidate;
        for (int suffix = 2; !taken.Add(name); suffix++)
        {
            name = candidate + suffix;
        }

        return name;
    }
}
