using System;
using System.IO;

namespace Rlx.Optim.Tests;

/// <summary>Where the repository is, for tests that read its files (README, help pages, declarations to build).</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>Rlx.Optim.sln</c>, above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Rlx.Optim.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Rlx.Optim.sln.");
    }
}
