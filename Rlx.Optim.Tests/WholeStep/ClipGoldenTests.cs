using System;
using System.Linq;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// StepAll with clipping and per-set learning-rate scales against PyTorch's <c>clip_grad_norm_</c> followed by its
/// optimizer with one parameter group per set (torch-clip-v1.json): parameters after the first and last step, every
/// state tensor, and the norm of every step, in both precisions, within the tolerance of the torch-v1 cases.
/// </summary>
public sealed class ClipGoldenTests
{
    public static TheoryData<string, OptimizerPrecision> Cases()
    {
        var data = new TheoryData<string, OptimizerPrecision>();
        foreach (TorchCase testCase in TorchGoldenFile.ClippingCases)
        {
            data.Add(testCase.Name, OptimizerPrecision.Single);
            data.Add(testCase.Name, OptimizerPrecision.Double);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_clip_grad_norm_then_its_optimizer(string caseName, OptimizerPrecision precision)
    {
        TorchCase testCase = TorchGoldenFile.ClippingCase(caseName);
        IOptimizer optimizer = Create(testCase, precision);
        var random = new SplitMix64(testCase.Seed);
        float[][] parameters = testCase.Tensors.Select(t => new float[t.Length]).ToArray();
        foreach (float[] tensor in parameters)
        {
            random.Fill(tensor, testCase.ParamScale);
        }

        float[][]? afterFirstStep = null;
        var norms = new float[testCase.Steps];
        for (int step = 0; step < testCase.Steps; step++)
        {
            float[][] gradients = parameters.Select(p => new float[p.Length]).ToArray();
            for (int k = 0; k < gradients.Length; k++)
            {
                random.Fill(gradients[k], testCase.GradScale);
            }

            foreach (uint[] pair in testCase.SpecialGrads)
            {
                gradients[0][pair[0]] = BitConverter.UInt32BitsToSingle(pair[1]);
            }

            float[][] before = gradients.Select(g => (float[])g.Clone()).ToArray();
            Assert.True(((IStepAllArrays)optimizer).StepAll(parameters, gradients));
            for (int k = 0; k < gradients.Length; k++)
            {
                FloatAssert.BitExact(before[k].Select(BitConverter.SingleToUInt32Bits).ToArray(), gradients[k], "the caller's gradient");
            }

            norms[step] = optimizer.GradientNorm;
            afterFirstStep ??= parameters.Select(p => (float[])p.Clone()).ToArray();
        }

        string what = $"{testCase.Name} ({precision})";
        if (testCase.MaxNorm is null)
        {
            Assert.All(norms, norm => Assert.True(float.IsNaN(norm), "no clipping, no norm measured"));
        }
        else
        {
            FloatAssert.Close(testCase.Norms!, norms, what + " norms");
        }

        for (int k = 0; k < testCase.Tensors.Count; k++)
        {
            TorchTensor tensor = testCase.Tensors[k];
            FloatAssert.Close(tensor.AfterFirstStep, afterFirstStep![k], $"{what} {tensor.Name} afterFirstStep");
            FloatAssert.Close(tensor.Final, parameters[k], $"{what} {tensor.Name} final");
            Assert.True(optimizer.TryGetState(tensor.Name, out ParameterState? state));
            foreach ((string buffer, uint[] expected) in tensor.FinalState)
            {
                FloatAssert.Close(expected, state![buffer].Span, $"{what} {tensor.Name} {buffer}");
            }
        }
    }

    [Fact]
    public void Every_case_has_a_declared_optimizer_of_its_kind_and_settings()
    {
        foreach (TorchCase testCase in TorchGoldenFile.ClippingCases)
        {
            IOptimizer optimizer = Create(testCase, OptimizerPrecision.Single);
            Assert.Equal(testCase.Optimizer, ((ICheckpointable)optimizer).Description.Kind);
            Assert.Equal(testCase.MaxNorm is { } norm ? (float)norm : null, optimizer.MaxGradientNorm);
            Assert.Equal((float)testCase.Options["lr"].GetDouble(), optimizer.LearningRate);
        }
    }

    private static IOptimizer Create(TorchCase testCase, OptimizerPrecision precision)
    {
        string caseName = string.Concat(testCase.Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        Type type = typeof(ClipGoldenTests).Assembly.GetType($"{typeof(ClipGoldenTests).Namespace}.Clip{caseName}{precision}", throwOnError: true)!;
        return (IOptimizer)Activator.CreateInstance(type)!;
    }
}
