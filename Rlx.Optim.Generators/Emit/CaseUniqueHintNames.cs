using System;
using System.Collections.Immutable;
using System.Linq;
using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Generated files' names made unique ignoring case. Roslyn compares hint names ignoring case and rejects a second
/// file whose name differs from an earlier one's only in case, so <c>Demo.MasterLion</c> and <c>Demo.masterLion</c>
/// (two types C# tells apart) would leave one optimizer without its code. Each name that shares its spelling with
/// another but for case gets a suffix hashed from its exact spelling: <c>Demo.masterLion.case-70366de9.g.cs</c>.
/// The suffix depends on that name alone, never on the order in which files are added; its hyphen, which no C#
/// identifier holds, keeps it from any other type's name.
/// </summary>
internal static class CaseUniqueHintNames
{
    private const string Extension = ".g.cs";

    /// <summary>The names that share their spelling ignoring case with another of <paramref name="hintNames"/>, in ordinal order.</summary>
    public static EquatableArray<string> Colliding(ImmutableArray<string> hintNames) =>
        new(hintNames
            .Distinct(StringComparer.Ordinal)
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Skip(1).Any())
            .SelectMany(group => group)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToImmutableArray());

    /// <summary><paramref name="hintName"/>, or its case-unique form when it is one of <paramref name="colliding"/>.</summary>
    public static string For(string hintName, EquatableArray<string> colliding)
    {
        if (!colliding.AsImmutableArray().Contains(hintName, StringComparer.Ordinal))
        {
            return hintName;
        }

        string stem = hintName.EndsWith(Extension, StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - Extension.Length) : hintName;
        return $"{stem}.case-{Fnv1a(hintName):x8}{Extension}";
    }

    /// <summary>32-bit FNV-1a over the name's UTF-16 code units: stable across runs and processes, unlike string.GetHashCode.</summary>
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }
}
