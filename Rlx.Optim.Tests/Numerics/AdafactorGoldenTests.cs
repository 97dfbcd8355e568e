using System;
using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// Adafactor, in both precisions, against the float32 reference of torch.optim.Adafactor (torch-adafactor-v1.json):
/// parameters after the first and the last iteration, and the state under PyTorch's names and shapes, within the
/// tolerance of the other PyTorch goldens. Through the declared sets; cases without a factored set also through
/// names the optimizer never declared (such a set is a vector).
/// </summary>
public sealed class AdafactorGoldenTests
{
    private const string Undeclared = "undeclared.";

    public static TheoryData<string, OptimizerPrecision, string> Cases()
    {
        var data = new TheoryData<string, OptimizerPrecision, string>();
        foreach (TorchCase testCase in TorchGoldenFile.Adafactor.Cases)
        {
            foreach (OptimizerPrecision precision in new[] { OptimizerPrecision.Single, OptimizerPrecision.Double })
            {
                data.Add(testCase.Name, precision, "");
                if (testCase.Tensors.All(t => t.Shape!.Length <= 1))
                {
                    data.Add(testCase.Name, precision, Undeclared);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_within_tolerance(string caseName, OptimizerPrecision precision, string namePrefix)
    {
        TorchCase testCase = TorchGoldenFile.Adafactor.Case(caseName);
        TorchReplayResult result = TorchReplay.Run(testCase, Create(testCase, precision), namePrefix);

        for (int k = 0; k < testCase.Tensors.Count; k++)
        {
            TorchTensor tensor = testCase.Tensors[k];
            string what = $"{testCase.Name}/{tensor.Name} ({precision})";
            FloatAssert.BitExact(tensor.Initial, result.Initial[k], what + " initial");
            FloatAssert.Close(tensor.AfterFirstStep, result.AfterFirstStep[k], what + " afterFirstStep");
            FloatAssert.Close(tensor.Final, result.Final[k], what + " final");

            ParameterState state = result.States[k];
            Assert.Equal(tensor.FinalState.Keys.Order(StringComparer.Ordinal), state.Buffers.Select(b => b.Name).Order(StringComparer.Ordinal));
            foreach ((string buffer, uint[] expected) in tensor.FinalState)
            {
                FloatAssert.Close(expected, state[buffer].Span, $"{what} {buffer}");
                int[] shape = tensor.FinalStateShapes![buffer];
                if (namePrefix.Length == 0)
                {
                    Assert.Equal(shape, state[buffer].Shape);
                }
            }
        }
    }

    [Fact]
    public void The_cases_clip_the_update_and_cover_every_state_layout()
    {
        IReadOnlyList<TorchCase> cases = TorchGoldenFile.Adafactor.Cases;
        Assert.Contains(cases, c => c.Name == "adafactor-clipped");
        Assert.Contains(cases.SelectMany(c => c.Tensors), t => t.Shape!.Length == 0);
        Assert.Contains(cases.SelectMany(c => c.Tensors), t => t.Shape!.Length == 3);
        foreach (TorchCase testCase in cases)
        {
            var optimizer = (ICheckpointable)Create(testCase, OptimizerPrecision.Single);
            Assert.Equal("adafactor", optimizer.Description.Kind);
        }
    }

    /// <summary>The generated class declared for this case in AdafactorGoldenOptimizers.cs.</summary>
    internal static IOptimizer Create(TorchCase testCase, OptimizerPrecision precision)
    {
        string caseName = string.Concat(testCase.Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        string typeName = $"{typeof(AdafactorGoldenTests).Namespace}.Torch{caseName}{precision}";
        Type type = typeof(AdafactorGoldenTests).Assembly.GetType(typeName, throwOnError: true)!;
        return (IOptimizer)Activator.CreateInstance(type)!;
    }
}
