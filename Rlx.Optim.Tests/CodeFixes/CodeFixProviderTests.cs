using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Rlx.Optim.CodeFixes;
using Rlx.Optim.Generators.Diagnostics;

namespace Rlx.Optim.Tests.CodeFixes;

/// <summary>What an IDE relies on to find the fixes, and the split between the two assemblies.</summary>
public sealed class CodeFixProviderTests
{
    private static readonly Type[] s_providers = typeof(MakePartialCodeFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .ToArray();

    [Fact]
    public void Every_fix_is_exported_for_CSharp_and_fixes_diagnostics_the_analyzer_reports()
    {
        Assert.Equal(4, s_providers.Length);
        string[] reported = new OptimizerAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToArray();
        foreach (Type type in s_providers)
        {
            ExportCodeFixProviderAttribute? export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.True(export is not null, $"{type.Name} is not exported, so no IDE would find it.");
            Assert.Equal([LanguageNames.CSharp], export!.Languages);

            var provider = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotEmpty(provider.FixableDiagnosticIds);
            Assert.All(provider.FixableDiagnosticIds, id => Assert.Contains(id, reported));
            Assert.NotNull(provider.GetFixAllProvider());
        }

        string[] fixedIds = s_providers.SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds).Order().ToArray();
        Assert.Equal(["RLXO0001", "RLXO0007", "RLXO0008", "RLXO0020"], fixedIds);
    }

    [Fact]
    public void Only_the_fixes_reference_Workspaces_which_the_compiler_does_not_load()
    {
        static bool ReferencesWorkspaces(Assembly assembly) =>
            assembly.GetReferencedAssemblies().Any(a => a.Name!.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal)
                || a.Name == "Microsoft.CodeAnalysis.CSharp.Workspaces");

        Assert.False(ReferencesWorkspaces(typeof(OptimizerAnalyzer).Assembly), "The generator/analyzer assembly must not reference Workspaces.");
        Assert.True(ReferencesWorkspaces(typeof(MakePartialCodeFix).Assembly));
    }
}
