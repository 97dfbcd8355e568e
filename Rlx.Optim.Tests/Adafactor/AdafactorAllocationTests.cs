using Rlx.Optim.Tests.Runtime;
using static Rlx.Optim.Tests.WholeStep.StepPlanTests;

namespace Rlx.Optim.Tests.Adafactor;

/// <summary>
/// Adafactor's measure passes allocate nothing per step: StepAll over a batch split across cores, a matrix, a vector
/// and a scalar, clipped in double, and the same sets stepped one by one.
/// </summary>
[Collection(AllocationCounting.Name)]
public sealed class AdafactorAllocationTests
{
    [Fact]
    public void StepAll_and_one_set_calls_allocate_nothing()
    {
        var planned = new AdafactorClippedPlan();
        var oneByOne = new AdafactorPlan();
        float[][] p = Draw(1, 1f, 4 * 301 * 203, 17 * 9, 1_000, 1), g = Draw(2, 0.5f, 4 * 301 * 203, 17 * 9, 1_000, 1);
        Run(5); // JIT, tiering and each set's passes' first use allocate; steps after that must not.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(20)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                planned.StepAll(p[0], g[0], p[1], g[1], p[2], g[2], p[3], g[3]);
                oneByOne.StepA(p[0], g[0]);
                oneByOne.StepB(p[1], g[1]);
                oneByOne.StepC(p[2], g[2]);
                oneByOne.StepD(p[3], g[3]);
                oneByOne.EndIteration();
            }
        }
    }
}
