using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rlx.Optim.Generators;
using Rlx.Optim.Generators.Diagnostics;

namespace Rlx.Optim.Tests.Generator;

/// <summary>Compiles test sources against fixed reference assemblies and runs the generator and the analyzer on them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(AdamOptimizerAttribute).Assembly.Location),
    ];

    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    /// <summary>The sources compiled as a project of <paramref name="options"/>' C# (its <c>LangVersion</c>).</summary>
    public static CSharpCompilation Compile(CSharpParseOptions options, params string[] sources) =>
        CSharpCompilation.Create(
            "Tests",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: $"Source{i}.cs")),
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(CSharpParseOptions? options = null) =>
        CSharpGeneratorDriver.Create(
            [new OptimizerGenerator().AsSourceGenerator()],
            parseOptions: options ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once and returns its result and the compilation it produced.</summary>
    public static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        // The generated files are parsed as the project's own are, in its C#.
        driver = (driver ?? CreateDriver((CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options))
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (driver, driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>The generated files of <paramref name="source"/>, after checking that the result compiles cleanly.</summary>
    public static ImmutableArray<GeneratedSourceResult> GenerateAndCompile(string source)
    {
        (_, GeneratorRunResult result, Compilation output) = Run(Compile(source));
        Assert.Null(result.Exception);
        AssertCompilesCleanly(output, "The generated code does not compile cleanly:\n");
        return result.GeneratedSources;
    }

    /// <summary>Fails, listing them, unless <paramref name="output"/> has no compiler warning or error.</summary>
    public static void AssertCompilesCleanly(Compilation output, string heading = "")
    {
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, heading + string.Join("\n", problems.Select(p => p.ToString())));
    }

    /// <summary>
    /// Generates and compiles <paramref name="source"/> (optimized, as a build would), requiring no compiler warning,
    /// and loads it beside the runtime these tests use, so its optimizers implement the same <see cref="IOptimizer"/>.
    /// Rlx.Optim's own diagnostics are not the compiler's: an invalid declaration's fallback compiles and loads.
    /// </summary>
    public static System.Reflection.Assembly CompileAndLoad(string source, string assemblyName)
    {
        Compilation compilation = Compile(source);
        compilation = compilation.WithOptions(((CSharpCompilationOptions)compilation.Options).WithOptimizationLevel(OptimizationLevel.Release))
            .WithAssemblyName(assemblyName);
        (_, GeneratorRunResult result, Compilation output) = Run(compilation);
        Assert.Null(result.Exception);
        AssertCompilesCleanly(output);

        using var image = new System.IO.MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return System.Reflection.Assembly.Load(image.ToArray());
    }

    /// <summary>
    /// Rlx.Optim's diagnostics as a build reports them: the generator's own (for a class it cannot extend), then the
    /// analyzer's, run on the compilation that includes the generated code.
    /// </summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source) => AnalyzeAsync(ParseOptions, source);

    /// <inheritdoc cref="AnalyzeAsync(string)"/>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpParseOptions options, string source)
    {
        (_, GeneratorRunResult result, Compilation output) = Run(Compile(options, source));
        Assert.Null(result.Exception);
        ImmutableArray<Diagnostic> analyzer = await output
            .WithAnalyzers([new OptimizerAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        return result.Diagnostics.AddRange(analyzer);
    }
}
