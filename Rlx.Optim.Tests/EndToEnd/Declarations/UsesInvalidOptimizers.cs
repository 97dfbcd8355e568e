using System;
using Rlx.Optim;

namespace EndToEnd;

// A training loop over optimizers whose declarations are invalid: it must add no error of its own to theirs
// (every member a generated optimizer has is there, throwing).
public static class UsesInvalidOptimizers
{
    public static long Train()
    {
        var optimizer = new BadBeta1();
        float[] weights = new float[BadBeta1.WLength], gradient = new float[BadBeta1.WLength];
        optimizer.LearningRate = 1e-3f;
        optimizer.StepAll(weights, gradient);
        optimizer.SaveCheckpoint("run.safetensors");

        long steps = StepByName(new BadMomentum(), weights, gradient);
        return optimizer.StepCount + steps + (optimizer.TryGetState("w", out ParameterState? state) ? state.Length : 0);
    }

    public static long StepByName(IOptimizer optimizer, float[] weights, float[] gradient)
    {
        optimizer.Step("w", weights, gradient);
        optimizer.EndIteration();
        return optimizer.StepCount;
    }
}
