using System;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>The hot paths allocate nothing per step, counted with the runtime's allocated-bytes counter.</summary>
[Collection(AllocationCounting.Name)]
public sealed class AllocationTests
{
    private const int Steps = 1000;

    [Fact]
    public void Stepping_on_the_calling_thread_allocates_nothing()
    {
        var optimizer = new SmallAdam();
        float[] weights = new float[SmallAdam.WLength], weightGradient = new float[SmallAdam.WLength];
        float[] bias = new float[SmallAdam.BLength], biasGradient = new float[SmallAdam.BLength];
        float[] extra = new float[4096], extraGradient = new float[4096]; // long enough for its state to be placed (StatePlacement)
        weightGradient.AsSpan().Fill(0.1f);
        extraGradient.AsSpan().Fill(0.1f);
        Run(); // JIT, tiering and the first use of "extra" allocate; steps after that must not.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(Run));

        void Run()
        {
            for (int i = 0; i < Steps; i++)
            {
                optimizer.StepAll(weights, weightGradient, bias, biasGradient);
                optimizer.Step("w", weights, weightGradient);
                optimizer.Step("extra", extra, extraGradient);
                optimizer.EndIteration();
            }
        }
    }

    [Fact]
    public void Stepping_across_cores_allocates_nothing_on_the_calling_thread()
    {
        var optimizer = new LargeSingleAdam();
        float[] weights = new float[LargeSingleAdam.WLength], gradient = new float[LargeSingleAdam.WLength];
        gradient.AsSpan().Fill(0.1f);
        Run(10);

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(100)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                optimizer.StepW(weights, gradient);
                optimizer.EndIteration();
            }
        }
    }
}
