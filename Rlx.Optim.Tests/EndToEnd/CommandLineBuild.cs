using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Rlx.Optim.Tests.EndToEnd;

/// <summary>
/// Runs a real <c>dotnet build</c>, the command-line toolchain a user and CI run, on a project made of the files in
/// <c>Declarations/</c>, with the generator and runtime this test project was built with, and reads the build's SARIF
/// log. Five builds: the declarations the analyzer reports on beside a valid one; those the generator reports on
/// (no generated file can extend them, so the compiler would stop before running analyzers) beside the valid one;
/// declarations still being typed beside the valid one; declarations in a project pinned to C# 12; and the valid one
/// alone.
/// </summary>
public sealed class CommandLineBuild : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rlx-optim-build-" + Guid.NewGuid().ToString("N"));

    public CommandLineBuild()
    {
        string valid = Path.Combine(DeclarationsDirectory, "Valid.cs");
        Invalid = Build("invalid", Directory.GetFiles(DeclarationsDirectory, "*.cs"));
        Unextendable = Build("unextendable", Directory.GetFiles(UnextendableDirectory, "*.cs").Append(valid));
        Incomplete = Build("incomplete", Directory.GetFiles(IncompleteDirectory, "*.cs").Append(valid));
        OldLanguage = Build("old-language", Directory.GetFiles(OldLanguageDirectory, "*.cs"), langVersion: "12");
        Valid = Build("valid", [valid]);
    }

    /// <summary>The folder of the declarations, in the repository (not copied to the output).</summary>
    public static string DeclarationsDirectory => Path.Combine(RepositoryPaths.Root, "Rlx.Optim.Tests", "EndToEnd", "Declarations");

    /// <summary>The folder of the declarations no generated file can extend.</summary>
    public static string UnextendableDirectory => Path.Combine(RepositoryPaths.Root, "Rlx.Optim.Tests", "EndToEnd", "Unextendable");

    /// <summary>The folder of declarations whose headers are incomplete, as they are while being typed.</summary>
    public static string IncompleteDirectory => Path.Combine(RepositoryPaths.Root, "Rlx.Optim.Tests", "EndToEnd", "Incomplete");

    /// <summary>The build of every declaration in <see cref="DeclarationsDirectory"/>, the valid one among them.</summary>
    public BuildResult Invalid { get; }

    /// <summary>The build of the declarations in <see cref="UnextendableDirectory"/> and the valid one.</summary>
    public BuildResult Unextendable { get; }

    /// <summary>The folder of the declarations built as C# 12.</summary>
    public static string OldLanguageDirectory => Path.Combine(RepositoryPaths.Root, "Rlx.Optim.Tests", "EndToEnd", "OldLanguage");

    /// <summary>The build of the declarations in <see cref="OldLanguageDirectory"/>, with <c>&lt;LangVersion&gt;12</c>.</summary>
    public BuildResult OldLanguage { get; }

    /// <summary>The build of the declarations in <see cref="IncompleteDirectory"/> and the valid one.</summary>
    public BuildResult Incomplete { get; }

    /// <summary>The build of the valid declaration alone.</summary>
    public BuildResult Valid { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private BuildResult Build(string name, IEnumerable<string> files, string? langVersion = null)
    {
        string directory = Path.Combine(_directory, name);
        Directory.CreateDirectory(directory);
        foreach (string file in files)
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(directory, "Declarations.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ErrorLog>build.sarif,version=2.1</ErrorLog>{(langVersion is null ? "" : $"\n    <LangVersion>{langVersion}</LangVersion>")}
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{InOutput("Rlx.Optim.Runtime.dll")}" />
                <Analyzer Include="{InOutput("Rlx.Optim.Generators.dll")}" />
              </ItemGroup>
            </Project>
            """);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "build", "-nologo", "--disable-build-servers" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into this build.
        foreach (string variable in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 5 minutes:\n" + output);
        }

        output += stderr.Result;
        string sarif = Path.Combine(directory, "build.sarif");
        Assert.True(File.Exists(sarif), "The build wrote no SARIF log:\n" + output);
        using JsonDocument log = JsonDocument.Parse(File.ReadAllText(sarif));
        return BuildResult.From(process.ExitCode, output, log.RootElement);
    }

    private static string InOutput(string file) => Path.Combine(AppContext.BaseDirectory, file);
}

/// <summary>One diagnostic of a build: its ID, the file's name, and its 1-based line and column.</summary>
public sealed record BuildDiagnostic(string Id, string Level, string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Level} {Id}: {Message}";
}

/// <summary>A build's exit code, console output, diagnostics and the help links its log gives for each rule.</summary>
public sealed record BuildResult(int ExitCode, string Output, IReadOnlyList<BuildDiagnostic> Diagnostics, IReadOnlyDictionary<string, string> HelpUris)
{
    public static BuildResult From(int exitCode, string output, JsonElement sarif)
    {
        var diagnostics = new List<BuildDiagnostic>();
        var helpUris = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonElement run in sarif.GetProperty("runs").EnumerateArray())
        {
            if (run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out JsonElement rules))
            {
                foreach (JsonElement rule in rules.EnumerateArray())
                {
                    if (rule.TryGetProperty("helpUri", out JsonElement uri))
                    {
                        helpUris[rule.GetProperty("id").GetString()!] = uri.GetString()!;
                    }
                }
            }

            foreach (JsonElement result in run.GetProperty("results").EnumerateArray())
            {
                string level = result.TryGetProperty("level", out JsonElement l) ? l.GetString()! : "warning";
                string message = result.GetProperty("message").GetProperty("text").GetString()!;
                string file = "", id = result.GetProperty("ruleId").GetString()!;
                int line = 0, column = 0;
                if (result.TryGetProperty("locations", out JsonElement locations) && locations.GetArrayLength() > 0)
                {
                    JsonElement physical = locations[0].GetProperty("physicalLocation");
                    file = Path.GetFileName(new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
                    JsonElement region = physical.GetProperty("region");
                    line = region.GetProperty("startLine").GetInt32();
                    column = region.GetProperty("startColumn").GetInt32();
                }

                diagnostics.Add(new BuildDiagnostic(id, level, file, line, column, message));
            }
        }

        return new BuildResult(exitCode, output, diagnostics, helpUris);
    }
}
