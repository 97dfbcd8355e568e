using System;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// <see cref="IOptimizer.StateBytes"/>: each optimizer holds the bytes its rule keeps per element (PyTorch's state:
/// two float moments for Adam, one for Lion...), plus at most the alignment or placement slack of each buffer, and
/// the count follows sets created by name.
/// </summary>
public sealed class StateBytesTests
{
    // FamilyAdam and FamilyAdamW keep AMSGrad's third moment; FamilySgd has momentum; FamilyRMSprop is centered with
    // momentum.

    /// <summary>The slack one buffer may add: a 4 KB page for a placeable buffer, else up to 60 bytes of alignment.</summary>
    private const long SlackPerBuffer = 4096;

    public static TheoryData<string, int> BuffersPerElement() => new()
    {
        { "adam", 3 }, { "adamw", 3 }, { "nadam", 2 }, { "radam", 2 }, { "adamax", 2 }, { "lion", 1 }, { "sgd", 1 },
        { "adagrad", 1 }, { "rmsprop", 3 },
        { "adafactor", 1 }, // sets met by name are vectors: one variance element each (AdafactorTests counts factored ones)
        { "lamb", 2 },
        { "schedulefree", 2 },
    };

    [Theory]
    [MemberData(nameof(BuffersPerElement))]
    public void Counts_every_buffer_of_every_set_as_allocated(string family, int buffers)
    {
        IOptimizer optimizer = FamilyKernelTests.Create(family);
        long declared = optimizer.StateBytes;

        Step(optimizer, "met-by-name", 13);
        Step(optimizer, "large-met-by-name", 100_000);

        long logical = (long)buffers * (13 + 100_000) * sizeof(float);
        long added = optimizer.StateBytes - declared;
        Assert.InRange(added, logical, logical + (2L * buffers * SlackPerBuffer));
    }

    [Fact]
    public void Plain_sgd_keeps_no_state()
    {
        IOptimizer optimizer = new StateBytesPlainSgd();
        Step(optimizer, "w", 5000);
        Assert.Equal(0, optimizer.StateBytes);
    }

    [Fact]
    public void Amsgrad_keeps_a_third_moment()
    {
        IOptimizer optimizer = new StateBytesAmsGrad();
        long declared = (long)StateBytesAmsGrad.WLength * 3 * sizeof(float);
        Assert.InRange(optimizer.StateBytes, declared, declared + 3 * SlackPerBuffer);
    }

    private static void Step(IOptimizer optimizer, string name, int length)
    {
        float[] parameter = new float[length], gradient = new float[length];
        Array.Fill(gradient, 0.1f);
        optimizer.Step(name, parameter, gradient);
    }
}

[SgdOptimizer]
public partial class StateBytesPlainSgd;

[AdamOptimizer(AmsGrad = true)]
public partial class StateBytesAmsGrad
{
    [Parameter(300, 40)] public partial void StepW(Span<float> weights, ReadOnlySpan<float> gradient);
}
