using System;
using System.Globalization;
using System.Linq;
using Rlx.Optim.Tests.Golden;
using Xunit;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// Both precisions of the generated Adam against the seed's own results on all ten golden cases, through the
/// declared sets (specialized kernels) and through names the optimizer never declared (lazily allocated state).
/// </summary>
public sealed class SeedGoldenTests
{
    private const string Undeclared = "undeclared.";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (SeedCase testCase in SeedGoldenFile.Instance.Cases)
        {
            data.Add(testCase.Name, "");
            data.Add(testCase.Name, Undeclared);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_precision_reproduces_the_seed_bit_for_bit(string caseName, string namePrefix)
    {
        SeedCase testCase = SeedGoldenFile.Instance.Case(caseName);
        SeedReplayResult result = SeedReplay.Run(testCase, Create(testCase, OptimizerPrecision.Double), namePrefix);

        ForEachTensor(testCase, result, (tensor, k, what) =>
        {
            FloatAssert.BitExact(tensor.AfterFirstStep, result.AfterFirstStep[k], what + " afterFirstStep");
            FloatAssert.BitExact(tensor.Final, result.Final[k], what + " final");
            FloatAssert.BitExact(tensor.FinalM, result.FinalM[k], what + " finalM");
            FloatAssert.BitExact(tensor.FinalV, result.FinalV[k], what + " finalV");
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Single_precision_matches_the_seed_within_tolerance(string caseName, string namePrefix)
    {
        SeedCase testCase = SeedGoldenFile.Instance.Case(caseName);
        SeedReplayResult result = SeedReplay.Run(testCase, Create(testCase, OptimizerPrecision.Single), namePrefix);

        // Where (1 − β₂)·g² overflows float, the float kernel's second moment is infinite and it takes no step,
        // while the seed's double intermediate still takes one (README, "Precision modes"). Only those elements'
        // values are exempt; their NaN/infinity positions are compared like every other element's.
        double overflowingGradient = Math.Sqrt(float.MaxValue / (1.0 - BitConverter.UInt32BitsToSingle(testCase.Beta2)));
        ForEachTensor(testCase, result, (tensor, k, what) =>
        {
            bool[] huge = result.GradientAbove(k, overflowingGradient);
            FloatAssert.Close(tensor.AfterFirstStep, result.AfterFirstStep[k], what + " afterFirstStep", huge);
            FloatAssert.Close(tensor.Final, result.Final[k], what + " final", huge);
            FloatAssert.Close(tensor.FinalM, result.FinalM[k], what + " finalM", huge);
            FloatAssert.Close(tensor.FinalV, result.FinalV[k], what + " finalV", huge);
        });
    }

    [Fact]
    public void The_replay_draws_the_golden_initial_parameters()
    {
        foreach (SeedCase testCase in SeedGoldenFile.Instance.Cases)
        {
            SeedReplayResult result = SeedReplay.Run(testCase, Create(testCase, OptimizerPrecision.Double));
            ForEachTensor(testCase, result, (tensor, k, what) => FloatAssert.BitExact(tensor.Initial, result.Initial[k], what + " initial"));
        }
    }

    /// <summary>The generated class declared for this case in GoldenOptimizers.cs.</summary>
    internal static IOptimizer Create(SeedCase testCase, OptimizerPrecision precision)
    {
        string caseName = string.Concat(testCase.Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        string typeName = $"{typeof(SeedGoldenTests).Namespace}.Golden{caseName}{precision}";
        Type type = typeof(SeedGoldenTests).Assembly.GetType(typeName, throwOnError: true)!;
        return (IOptimizer)Activator.CreateInstance(type)!;
    }

    private static void ForEachTensor(SeedCase testCase, SeedReplayResult result, Action<SeedTensor, int, string> check)
    {
        for (int k = 0; k < testCase.Tensors.Count; k++)
        {
            check(testCase.Tensors[k], k, string.Create(CultureInfo.InvariantCulture, $"{testCase.Name}/{testCase.Tensors[k].Name}"));
        }
    }
}
