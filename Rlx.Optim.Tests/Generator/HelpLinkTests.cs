using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rlx.Optim.Generators.Diagnostics;

namespace Rlx.Optim.Tests.Generator;

/// <summary>
/// Every diagnostic links to its help page, <c>docs/diagnostics/{ID}.md</c>, and the page is there: titled with the ID
/// and the descriptor's title, linked from README.md's table and the folder's index, and with examples that do what
/// the page says (its first <c>csharp</c> block reports the ID with the message the page quotes, its last is clean).
/// </summary>
public sealed class HelpLinkTests
{
    /// <summary>The descriptors' base address, pinned here so a change to it is deliberate.</summary>
    private const string HelpBase = "https://github.com/rlx-optim/Rlx.Optim/blob/main/docs/diagnostics/";

    /// <summary>What the pages' examples assume.</summary>
    private const string Header = "using System;\nusing Rlx.Optim;\n\n";

    /// <summary>No declaration is known to cause it, so its page has no example to check.</summary>
    private const string InternalErrorId = "RLXO0099";

    private static readonly ImmutableArray<DiagnosticDescriptor> s_descriptors = new OptimizerAnalyzer().SupportedDiagnostics;

    private static readonly string s_root = RepositoryPaths.Root;

    private static readonly string s_pages = Path.Combine(s_root, "docs", "diagnostics");

    private static readonly Regex s_csharpBlock = new(@"^```csharp\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline);

    public static TheoryData<string> Ids()
    {
        var ids = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in s_descriptors)
        {
            ids.Add(descriptor.Id);
        }

        return ids;
    }

    public static TheoryData<string> IdsWithExamples()
    {
        var ids = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in s_descriptors.Where(d => d.Id != InternalErrorId))
        {
            ids.Add(descriptor.Id);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_descriptor_links_to_its_page_and_the_page_is_there(string id)
    {
        DiagnosticDescriptor descriptor = s_descriptors.Single(d => d.Id == id);
        Assert.Equal(HelpBase + id + ".md", descriptor.HelpLinkUri);

        string path = Path.Combine(s_pages, id + ".md");
        Assert.True(File.Exists(path), $"{id} has no help page: {Path.GetRelativePath(s_root, path)} is missing.");
        string page = ReadPage(id);
        Assert.Equal($"# {id}: {descriptor.Title.ToString(CultureInfo.InvariantCulture)}", page.Split('\n')[0]);
        Assert.NotEmpty(CSharpBlocks(page));
    }

    [Fact]
    public void Every_page_belongs_to_a_diagnostic()
    {
        var expected = new HashSet<string>(s_descriptors.Select(d => d.Id + ".md"), StringComparer.Ordinal) { "README.md" };
        string[] orphans = Directory.GetFiles(s_pages, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(s_pages, file).Replace('\\', '/'))
            .Where(name => !expected.Contains(name))
            .ToArray();

        Assert.True(orphans.Length == 0, "Pages without a diagnostic in OptimizerAnalyzer.SupportedDiagnostics: " + string.Join(", ", orphans));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_readme_table_and_the_index_link_the_page(string id)
    {
        string readme = File.ReadAllText(Path.Combine(s_root, "README.md"));
        Assert.Contains($"\n| [{id}](docs/diagnostics/{id}.md) |", readme, StringComparison.Ordinal);

        string index = File.ReadAllText(Path.Combine(s_pages, "README.md"));
        Assert.Contains($"\n| [{id}]({id}.md) |", index, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IdsWithExamples))]
    public async Task The_page_s_wrong_example_reports_the_id_and_its_right_one_compiles(string id)
    {
        string page = ReadPage(id);
        IReadOnlyList<string> blocks = CSharpBlocks(page);
        Assert.True(blocks.Count >= 2, $"{id}.md needs a wrong and a right declaration, its first and last csharp blocks.");

        ImmutableArray<Diagnostic> wrong = await GeneratorHarness.AnalyzeAsync(OptionsOf(blocks[0]), Header + blocks[0]);
        Assert.NotEmpty(wrong);
        Assert.All(wrong, diagnostic => Assert.Equal(id, diagnostic.Id));
        string[] messages = wrong.Select(d => $"error {id}: {d.GetMessage(CultureInfo.InvariantCulture)}").ToArray();
        Assert.True(
            messages.Any(message => page.Contains(message + "\n", StringComparison.Ordinal)),
            $"{id}.md should quote the message its wrong example gets: {string.Join(" | ", messages)}");

        string right = Header + blocks[^1];
        Assert.Empty(await GeneratorHarness.AnalyzeAsync(OptionsOf(blocks[^1]), right));
        Assert.NotEmpty(GeneratorHarness.GenerateAndCompile(right));
    }

    /// <summary>
    /// The C# an example compiles: the <c>&lt;LangVersion&gt;</c> a comment in it names (RLXO0039's examples), else the
    /// tests' own.
    /// </summary>
    private static CSharpParseOptions OptionsOf(string example) =>
        s_langVersion.Match(example) is { Success: true } match && LanguageVersionFacts.TryParse(match.Groups[1].Value, out LanguageVersion version)
            ? new CSharpParseOptions(version)
            : GeneratorHarness.ParseOptions;

    private static readonly Regex s_langVersion = new(@"^// .*<LangVersion>([^<]+)</LangVersion>", RegexOptions.Multiline);

    private static string ReadPage(string id) =>
        File.ReadAllText(Path.Combine(s_pages, id + ".md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static IReadOnlyList<string> CSharpBlocks(string page) =>
        s_csharpBlock.Matches(page).Select(match => match.Groups[1].Value).ToArray();
}
