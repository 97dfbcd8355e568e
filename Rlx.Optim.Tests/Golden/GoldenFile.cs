using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rlx.Optim.Tests.Golden;

/// <summary>The seed's golden vectors (<c>adam-seed-v1.json</c>; the format is in Golden/README.md).</summary>
public sealed record SeedGoldenFile(string Format, IReadOnlyList<SeedCase> Cases)
{
    private static readonly Lazy<SeedGoldenFile> s_instance = new(() => Load<SeedGoldenFile>("adam-seed-v1.json"));

    public static SeedGoldenFile Instance => s_instance.Value;

    public SeedCase Case(string name) => Cases.Single(c => c.Name == name);

    internal static T Load<T>(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), options)
            ?? throw new InvalidDataException($"{fileName} is empty.");
    }
}

/// <summary>One seed case: float hyperparameters as bit patterns, how to draw the data, and the results.</summary>
public sealed record SeedCase(
    string Name,
    uint Lr,
    uint Beta1,
    uint Beta2,
    uint Eps,
    uint WeightDecay,
    int Steps,
    ulong Seed,
    uint ParamScale,
    uint GradScale,
    IReadOnlyList<uint[]> SpecialGrads,
    IReadOnlyList<SeedTensor> Tensors)
{
    public override string ToString() => Name;
}

/// <summary>One tensor of a seed case; every array holds float bit patterns.</summary>
public sealed record SeedTensor(
    string Name,
    int Length,
    uint[] Initial,
    uint[] AfterFirstStep,
    uint[] Final,
    uint[] FinalM,
    uint[] FinalV);
