namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// A kernel's per-step scalars are prepared once per step and reused by its other sets: a change of the learning
/// rate, the step or a reset must still reach every set stepped after it.
/// </summary>
public sealed class PreparedScalarsTests
{
    [Fact]
    public void A_learning_rate_changed_between_two_sets_of_an_iteration_reaches_the_second()
    {
        var changed = new SmallAdam();
        var fromTheStart = new SmallAdam { LearningRate = 0.02f };
        float[] weights = FamilyKernelTests.Filled(SmallAdam.WLength, 0.5f), weightGradient = FamilyKernelTests.Filled(SmallAdam.WLength, 0.1f);
        float[] bias = FamilyKernelTests.Filled(SmallAdam.BLength, -0.25f), biasGradient = FamilyKernelTests.Filled(SmallAdam.BLength, 0.3f);
        float[] expectedBias = (float[])bias.Clone();

        changed.StepW(weights, weightGradient); // prepares the shared kernel's scalars at the first learning rate
        changed.LearningRate = 0.02f;
        changed.StepB(bias, biasGradient);
        fromTheStart.StepB(expectedBias, biasGradient);

        Assert.Equal(expectedBias, bias);
    }

    [Fact]
    public void The_next_iteration_prepares_its_own_step()
    {
        var stepped = new SmallAdam();
        float[] weights = FamilyKernelTests.Filled(SmallAdam.WLength, 0.5f), gradient = FamilyKernelTests.Filled(SmallAdam.WLength, 0.1f);
        float[] bias = FamilyKernelTests.Filled(SmallAdam.BLength, -0.25f), biasGradient = FamilyKernelTests.Filled(SmallAdam.BLength, 0.3f);
        stepped.StepW(weights, gradient); // prepares the scalars of step 1
        stepped.EndIteration();
        stepped.StepB(bias, biasGradient); // a set first stepped at step 2

        var fresh = new SmallAdam();
        float[] expectedBias = FamilyKernelTests.Filled(SmallAdam.BLength, -0.25f);
        fresh.EndIteration();
        fresh.StepB(expectedBias, biasGradient);

        Assert.Equal(expectedBias, bias);
    }

    [Fact]
    public void A_reset_prepares_step_one_again()
    {
        var stepped = new SmallAdam();
        float[] weights = FamilyKernelTests.Filled(SmallAdam.WLength, 0.5f), gradient = FamilyKernelTests.Filled(SmallAdam.WLength, 0.1f);
        float[] bias = FamilyKernelTests.Filled(SmallAdam.BLength, -0.25f), biasGradient = FamilyKernelTests.Filled(SmallAdam.BLength, 0.3f);
        stepped.StepW(weights, gradient);
        stepped.EndIteration();
        stepped.StepW(weights, gradient); // prepares the scalars of step 2
        stepped.Reset();
        stepped.StepB(bias, biasGradient);

        var fresh = new SmallAdam();
        float[] expectedBias = FamilyKernelTests.Filled(SmallAdam.BLength, -0.25f);
        fresh.StepB(expectedBias, biasGradient);

        Assert.Equal(expectedBias, bias);
    }
}
