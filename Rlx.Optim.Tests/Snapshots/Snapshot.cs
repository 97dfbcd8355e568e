using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Rlx.Optim.Tests.Snapshots;

/// <summary>
/// A small stand-in for Verify (whose core package the registry here lacks), with its conventions: the approved text is
/// committed as <c>_snapshots/{Class}.{Method}#{Name}.verified.cs</c> beside the test; a mismatch writes
/// <c>.received.cs</c> next to it and fails with a diff. Set <c>RLX_ACCEPT_SNAPSHOTS=1</c> to accept received text.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "RLX_ACCEPT_SNAPSHOTS";

    public static void Verify(
        string actual,
        string name,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(testFile)!, "_snapshots");
        string stem = $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}#{Path.GetFileNameWithoutExtension(name)}";
        string verifiedPath = Path.Combine(directory, stem + ".verified.cs");
        string receivedPath = Path.Combine(directory, stem + ".received.cs");
        actual = Normalize(actual);

        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException(verified is null
            ? $"New snapshot {Path.GetFileName(receivedPath)}: review it, then rename it to .verified.cs or run with {AcceptVariable}=1."
            : $"Snapshot {Path.GetFileName(verifiedPath)} differs (received text written beside it; accept with {AcceptVariable}=1):\n{Diff(verified, actual)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    /// <summary>The first differing lines, with line numbers: enough to see what changed.</summary>
    private static string Diff(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        var lines = new List<string>();
        for (int i = 0; i < Math.Max(left.Length, right.Length) && lines.Count < 24; i++)
        {
            string? l = i < left.Length ? left[i] : null;
            string? r = i < right.Length ? right[i] : null;
            if (l != r)
            {
                if (l is not null)
                {
                    lines.Add($"-{i + 1,5}: {l}");
                }

                if (r is not null)
                {
                    lines.Add($"+{i + 1,5}: {r}");
                }
            }
        }

        return string.Join("\n", lines);
    }
}
