using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Rlx.Optim.Tests.EndToEnd;

/// <summary>
/// What a user sees from <c>dotnet build</c>: each invalid declaration in <c>Declarations/</c> reports its RLXO
/// diagnostic at the place its <c>/*RLXO00nn*/</c> marker stands, and nothing else does, no compiler error
/// included; the valid declaration beside them builds, and alone builds with no warning. The same for the classes
/// no generated file can extend (<c>Unextendable/</c>), whose diagnostics the generator reports itself.
/// </summary>
public sealed partial class CommandLineBuildTests : IClassFixture<CommandLineBuild>
{
    private readonly CommandLineBuild _build;

    public CommandLineBuildTests(CommandLineBuild build)
    {
        _build = build;
    }

    [Fact]
    public void Every_invalid_declaration_reports_its_diagnostic_alone()
    {
        BuildDiagnostic[] expected = ExpectedDiagnostics(CommandLineBuild.DeclarationsDirectory).ToArray();
        Assert.Equal(35, expected.Select(d => d.Id).Distinct().Count());
        AssertReportedAlone(expected, _build.Invalid);
    }

    /// <summary>
    /// A partial method in a class no other file can extend has no possible implementation: the compiler's own
    /// CS0751 (partial member outside a partial type) or CS8795 (no implementation) is unavoidable there, and it is
    /// the only thing allowed beside the RLXO diagnostic, which the generator reports so that it is not lost.
    /// </summary>
    [Fact]
    public void A_class_no_generated_file_can_extend_still_reports_its_diagnostic()
    {
        BuildDiagnostic[] expected = ExpectedDiagnostics(CommandLineBuild.UnextendableDirectory).ToArray();
        Assert.Equal(["RLXO0001", "RLXO0013", "RLXO0017"], expected.Select(d => d.Id).Distinct().Order());
        AssertReportedAlone(expected, _build.Unextendable, allowed: ["CS0751", "CS8795"]);
    }

    /// <summary>
    /// A project pinned to C# 12 gets RLXO0039 on each optimizer attribute and nothing else: the fallback in place of
    /// the C# 13 the generated optimizer needs compiles there, the code that uses it too.
    /// </summary>
    [Fact]
    public void A_project_on_an_older_CSharp_reports_RLXO0039_alone()
    {
        BuildDiagnostic[] expected = ExpectedDiagnostics(CommandLineBuild.OldLanguageDirectory).ToArray();
        Assert.Equal(2, expected.Length);
        AssertReportedAlone(expected, _build.OldLanguage);
        Assert.Contains("this project compiles C# 12.0", _build.OldLanguage.Diagnostics[0].Message, System.StringComparison.Ordinal);
    }

    /// <summary>
    /// While a header is incomplete, the build's errors are the compiler's, on the user's lines: that header's own and
    /// CS8795 (the method has no implementation yet); none in a generated file, and no RLXO diagnostic.
    /// </summary>
    [Fact]
    public void An_incomplete_header_leaves_only_the_compilers_errors_on_its_own_line()
    {
        BuildResult build = _build.Incomplete;
        string source = Path.Combine(CommandLineBuild.IncompleteDirectory, "BeingTyped.cs");
        string[] lines = File.ReadAllLines(source);
        int LineOf(string method) => System.Array.FindIndex(lines, line => line.Contains($" {method}(", System.StringComparison.Ordinal)) + 1;
        string all = string.Join("\n", build.Diagnostics);

        Assert.NotEqual(0, build.ExitCode);
        Assert.All(build.Diagnostics, d => Assert.True(d.File == "BeingTyped.cs", "Reported elsewhere:\n" + all));
        Assert.All(build.Diagnostics, d => Assert.Contains(d.Id, new[] { "CS0246", "CS7003", "CS8795" }));
        foreach ((string method, string id) in new[] { ("StepMisspelt", "CS0246"), ("StepUnbound", "CS7003") })
        {
            Assert.Contains(build.Diagnostics, d => d.Id == id && d.Line == LineOf(method));
            Assert.Contains(build.Diagnostics, d => d.Id == "CS8795" && d.Line == LineOf(method));
        }

        Assert.DoesNotContain(build.Diagnostics, d => d.Line == LineOf("StepComplete"));
    }

    private static void AssertReportedAlone(BuildDiagnostic[] expected, BuildResult build, string[]? allowed = null)
    {
        string Describe(IEnumerable<BuildDiagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));
        var reported = build.Diagnostics.Select(d => (d.Id, d.File, d.Line, d.Column)).ToHashSet();
        BuildDiagnostic[] missing = expected.Where(e => !reported.Contains((e.Id, e.File, e.Line, e.Column))).ToArray();
        var wanted = expected.Select(e => (e.Id, e.File, e.Line, e.Column)).ToHashSet();
        BuildDiagnostic[] unexpected = build.Diagnostics
            .Where(d => !wanted.Contains((d.Id, d.File, d.Line, d.Column)) && !(allowed ?? []).Contains(d.Id))
            .ToArray();

        Assert.True(missing.Length == 0, "Not reported:\n" + Describe(missing) + "\n\nThe build said:\n" + build.Output);
        Assert.True(unexpected.Length == 0, "Reported beside them:\n" + Describe(unexpected));
        Assert.All(build.Diagnostics, d => Assert.Equal("error", d.Level));
        Assert.NotEqual(0, build.ExitCode);
    }

    [Fact]
    public void Each_diagnostic_in_the_log_links_its_help_page()
    {
        foreach (BuildResult build in new[] { _build.Invalid, _build.Unextendable, _build.OldLanguage })
        {
            Assert.NotEmpty(build.Diagnostics);
            foreach (string id in build.Diagnostics.Select(d => d.Id).Where(id => id.StartsWith("RLXO", System.StringComparison.Ordinal)).Distinct())
            {
                Assert.True(build.HelpUris.TryGetValue(id, out string? uri), $"{id} has no helpUri in the SARIF log.");
                Assert.EndsWith($"/docs/diagnostics/{id}.md", uri, System.StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_valid_declaration_builds_without_a_warning()
    {
        Assert.True(_build.Valid.ExitCode == 0, _build.Valid.Output);
        Assert.Empty(_build.Valid.Diagnostics);
    }

    /// <summary>Each marker <c>/*RLXO00nn*/</c>: the diagnostic starts just after it.</summary>
    private static IEnumerable<BuildDiagnostic> ExpectedDiagnostics(string directory)
    {
        foreach (string path in Directory.GetFiles(directory, "RLXO*.cs"))
        {
            string[] lines = File.ReadAllLines(path);
            int found = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match marker in Marker().Matches(lines[i]))
                {
                    found++;
                    yield return new BuildDiagnostic(marker.Groups[1].Value, "error", Path.GetFileName(path), i + 1, marker.Index + marker.Length + 1, "");
                }
            }

            Assert.True(found > 0, $"{Path.GetFileName(path)} has no /*RLXO00nn*/ marker.");
        }
    }

    [GeneratedRegex(@"/\*(RLXO\d{4})\*/")]
    private static partial Regex Marker();
}
