using System.Linq;
using Rlx.Optim.Tests.Runtime;

namespace Rlx.Optim.Tests.Schedules;

/// <summary>Evaluating a schedule allocates nothing: the optimizers will call it on every step.</summary>
[Collection(AllocationCounting.Name)]
public sealed class ScheduleAllocationTests
{
    [Fact]
    public void RateAt_allocates_nothing()
    {
        LearningRateSchedule[] schedules = ScheduleArgumentTests.OneOfEach().ToArray();
        double sum = 0;
        Run(); // JIT and tiering may allocate; the calls after that must not.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(Run));
        Assert.True(double.IsFinite(sum));

        void Run()
        {
            foreach (LearningRateSchedule schedule in schedules)
            {
                for (long step = 0; step < 2000; step++)
                {
                    sum += schedule.RateAt(step);
                }

                sum += schedule.RateAt(long.MaxValue);
            }
        }
    }
}
