using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Rlx.Optim.Tests.Sharding;

/// <summary>
/// Starts the MPI ranks' program (<c>MpiRanks</c>) under <c>mpirun</c>: MPI can be initialised once per process, so
/// it never runs inside the test host.
/// </summary>
internal static class MpiRun
{
    /// <summary>Set (to 1) where MPI must be installed, as in CI: a missing <c>mpirun</c> then fails the tests instead of skipping them.</summary>
    public const string RequireVariable = "RLX_REQUIRE_MPI";

    /// <summary>Whether <c>mpirun</c> is on the path.</summary>
    public static bool Available { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(folder => File.Exists(Path.Combine(folder, "mpirun")));

    /// <summary>Runs <paramref name="ranks"/> ranks with <paramref name="arguments"/>; returns their output, failing on a non-zero exit.</summary>
    public static string Ranks(int ranks, params string[] arguments)
    {
        string program = Path.Combine(
            RepositoryPaths.Root, "Rlx.Optim.Tests", "MpiRanks", "bin", "Release", "net10.0", "Rlx.Optim.Tests.MpiRanks.dll");
        var start = new ProcessStartInfo("mpirun") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (ranks > Environment.ProcessorCount)
        {
            start.ArgumentList.Add("--oversubscribe");
        }

        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Open MPI refuses root unless told twice; an unset TERM keeps .NET's escape codes out of the output.
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        start.Environment.Remove("TERM");
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mpirun -np {ranks} did not finish in 3 minutes:\n{output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mpirun -np {ranks} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        }

        return output;
    }
}

/// <summary>A test that needs <c>mpirun</c>: skipped without it, unless <see cref="MpiRun.RequireVariable"/> says it must run.</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (!MpiRun.Available && Environment.GetEnvironmentVariable(MpiRun.RequireVariable) != "1")
        {
            Skip = $"mpirun is not installed (apt-get install openmpi-bin); set {MpiRun.RequireVariable}=1 to make this a failure.";
        }
    }
}

/// <summary>A theory that needs <c>mpirun</c> (see <see cref="MpiFactAttribute"/>).</summary>
public sealed class MpiTheoryAttribute : TheoryAttribute
{
    public MpiTheoryAttribute()
    {
        if (!MpiRun.Available && Environment.GetEnvironmentVariable(MpiRun.RequireVariable) != "1")
        {
            Skip = $"mpirun is not installed (apt-get install openmpi-bin); set {MpiRun.RequireVariable}=1 to make this a failure.";
        }
    }
}
