using System;
using static Rlx.Optim.Tests.Runtime.FamilyKernelTests;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>Every family steps a small set, a set split across cores and an undeclared set without allocating.</summary>
[Collection(AllocationCounting.Name)]
public sealed class FamilyAllocationTests
{
    [Theory]
    [MemberData(nameof(Families), MemberType = typeof(FamilyKernelTests))]
    public void Stepping_allocates_nothing(string family)
    {
        IOptimizer optimizer = Create(family);
        float[] small = new float[Small], smallGradient = Filled(Small, 0.1f);
        float[] large = new float[Large], largeGradient = Filled(Large, 0.1f);
        float[] extra = new float[100], extraGradient = Filled(100, 0.1f);
        Run(10); // JIT, tiering and the first use of "extra" allocate; steps after that must not.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(200)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                optimizer.Step("small", small, smallGradient);
                optimizer.Step("large", large, largeGradient);
                optimizer.Step("extra", extra, extraGradient);
                optimizer.EndIteration();
            }
        }
    }
}
