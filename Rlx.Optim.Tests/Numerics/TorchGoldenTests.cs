using System;
using System.Linq;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Numerics;

/// <summary>
/// Every optimizer of the family, in both precisions, against PyTorch's own implementation on its 27 golden cases
/// (torch-v1's 18 and torch-family2-v1's 9, Adagrad and RMSprop), and Schedule-Free AdamW against its float32
/// reference with Optax's semantics (schedulefree-v1's 7):
/// parameters after the first and the last iteration, and every state tensor under PyTorch's name, within the
/// tolerance of Adam's float mode. Through the declared sets and through names the optimizer never declared.
/// </summary>
public sealed class TorchGoldenTests
{
    private const string Undeclared = "undeclared.";

    public static TheoryData<string, OptimizerPrecision, string> Cases()
    {
        var data = new TheoryData<string, OptimizerPrecision, string>();
        foreach (TorchCase testCase in TorchGoldenFile.OptimizerCases)
        {
            foreach (OptimizerPrecision precision in new[] { OptimizerPrecision.Single, OptimizerPrecision.Double })
            {
                data.Add(testCase.Name, precision, "");
                data.Add(testCase.Name, precision, Undeclared);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_within_tolerance(string caseName, OptimizerPrecision precision, string namePrefix)
    {
        TorchCase testCase = TorchGoldenFile.OptimizerCase(caseName);
        TorchReplayResult result = TorchReplay.Run(testCase, Create(testCase, precision), namePrefix);

        for (int k = 0; k < testCase.Tensors.Count; k++)
        {
            TorchTensor tensor = testCase.Tensors[k];
            string what = $"{testCase.Name}/{tensor.Name} ({precision})";
            FloatAssert.BitExact(tensor.Initial, result.Initial[k], what + " initial");
            FloatAssert.Close(tensor.AfterFirstStep, result.AfterFirstStep[k], what + " afterFirstStep");
            FloatAssert.Close(tensor.Final, result.Final[k], what + " final");

            ParameterState state = result.States[k];
            Assert.Equal(tensor.FinalState.Keys.OrderBy(n => n, StringComparer.Ordinal), state.Buffers.Select(b => b.Name).OrderBy(n => n, StringComparer.Ordinal));
            foreach ((string buffer, uint[] expected) in tensor.FinalState)
            {
                FloatAssert.Close(expected, state[buffer].Span, $"{what} {buffer}");
            }
        }
    }

    [Fact]
    public void Every_case_has_a_declared_optimizer_of_its_kind()
    {
        foreach (TorchCase testCase in TorchGoldenFile.OptimizerCases)
        {
            var optimizer = (ICheckpointable)Create(testCase, OptimizerPrecision.Single);
            Assert.Equal(testCase.Optimizer, optimizer.Description.Kind);
        }
    }

    /// <summary>The generated class declared for this case in TorchGoldenOptimizers.cs.</summary>
    private static IOptimizer Create(TorchCase testCase, OptimizerPrecision precision)
    {
        string caseName = string.Concat(testCase.Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        string typeName = $"{typeof(TorchGoldenTests).Namespace}.Torch{caseName}{precision}";
        Type type = typeof(TorchGoldenTests).Assembly.GetType(typeName, throwOnError: true)!;
        return (IOptimizer)Activator.CreateInstance(type)!;
    }
}
