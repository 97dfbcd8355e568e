using System;
using System.Linq;
using Rlx.Optim.Tests.Golden;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// What every family's kernels must do beyond matching PyTorch: the same bits on one core and on all, no
/// allocation per step (<see cref="FamilyAllocationTests"/>), and a NaN gradient that reaches its own parameter only.
/// </summary>
public sealed class FamilyKernelTests
{
    internal const int Large = 3 * 66_667;
    internal const int Small = 13;

    public static TheoryData<string> Families =>
        ["adam", "adamw", "nadam", "radam", "adamax", "lion", "sgd", "adagrad", "rmsprop", "adafactor", "lamb", "schedulefree"];

    /// <summary>The families whose NaN stays in its own element: LAMB's trust ratio spreads a NaN over its set (LambTests).</summary>
    public static TheoryData<string> ElementwiseFamilies =>
        ["adam", "adamw", "nadam", "radam", "adamax", "lion", "sgd", "adagrad", "rmsprop", "adafactor", "schedulefree"];

    [Theory]
    [MemberData(nameof(Families))]
    public void A_large_set_gives_the_same_bits_on_one_core_and_on_all(string family)
    {
        IOptimizer allCores = Create(family);
        IOptimizer oneCore = Create(family);
        oneCore.MaxDegreeOfParallelism = 1;

        float[] split = Train(allCores, "large", Large, steps: 5);
        float[] whole = Train(oneCore, "large", Large, steps: 5);

        Assert.True(split.AsSpan().SequenceEqual(whole), $"{family}: the parameters differ between one core and all.");
        Assert.True(allCores.TryGetState("large", out ParameterState? a));
        Assert.True(oneCore.TryGetState("large", out ParameterState? b));
        for (int buffer = 0; buffer < a.Buffers.Count; buffer++)
        {
            Assert.True(a.Buffers[buffer].Span.SequenceEqual(b.Buffers[buffer].Span), $"{family}: {a.Buffers[buffer].Name} differs.");
        }
    }

    [Theory]
    [MemberData(nameof(ElementwiseFamilies))]
    public void A_nan_gradient_makes_its_own_parameter_nan_and_no_other(string family)
    {
        IOptimizer optimizer = Create(family);
        float[] parameters = Enumerable.Range(0, Small).Select(i => 0.5f - (i * 0.07f)).ToArray();
        float[] gradient = Enumerable.Range(0, Small).Select(i => 0.01f * (i - 6)).ToArray();
        gradient[9] = float.NaN;

        optimizer.Step("small", parameters, gradient);
        optimizer.EndIteration();

        Assert.True(float.IsNaN(parameters[9]), $"{family}: the parameter with a NaN gradient is {parameters[9]}.");
        Assert.All(parameters.Where((_, i) => i != 9), p => Assert.True(float.IsFinite(p)));
    }

    private static float[] Train(IOptimizer optimizer, string name, int length, int steps)
    {
        var random = new SplitMix64(7);
        float[] parameters = new float[length];
        float[] gradient = new float[length];
        random.Fill(parameters, 1f);
        for (int s = 0; s < steps; s++)
        {
            random.Fill(gradient, 0.1f);
            optimizer.Step(name, parameters, gradient);
            optimizer.EndIteration();
        }

        return parameters;
    }

    internal static float[] Filled(int length, float value) => Enumerable.Repeat(value, length).ToArray();

    internal static IOptimizer Create(string family) => family switch
    {
        "adam" => new FamilyAdam(),
        "adamw" => new FamilyAdamW(),
        "nadam" => new FamilyNAdam(),
        "radam" => new FamilyRAdam(),
        "adamax" => new FamilyAdamax(),
        "lion" => new FamilyLion(),
        "sgd" => new FamilySgd(),
        "adagrad" => new FamilyAdagrad(),
        "rmsprop" => new FamilyRMSprop(),
        "adafactor" => new FamilyAdafactor(),
        "lamb" => new FamilyLamb(),
        "schedulefree" => new FamilyScheduleFree(),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };
}
