using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Rlx.Optim;
using Rlx.Optim.Samples.Spiral;

// Trains a two-layer network on a synthetic three-arm spiral with a generated optimizer (Adam unless
// --optimizer names another: adamw, nadam, radam, adamax, lion, sgd), full batch, with a cosine learning-rate schedule.
// --state bf16 trains with the same optimizer declared with bfloat16 state (StatePrecision = BFloat16: the moments
// stored in half the bytes, rounded stochastically); --state float is the default. Exits with 1 if the held-out
// accuracy is below 90%, so it doubles as an end-to-end check.
// Halfway through, the optimizer is saved to a checkpoint; at the end a fresh optimizer loads it and finishes the run
// from there, and the result must equal the uninterrupted run bit for bit (exit code 1 otherwise).
// With --check-gradients it instead compares the backward pass with finite differences, and exits with 1 if they differ.
const int Epochs = 600;
const double MaxGradientError = 1e-2;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
bool checkGradients = args is ["--check-gradients"];
string? optimizerName = null, stateName = null;
bool valid = checkGradients || args.Length % 2 == 0;
for (int i = 0; !checkGradients && valid && i < args.Length; i += 2)
{
    // --optimizer NAME and --state float|bf16, each at most once, in either order.
    if (args[i] == "--optimizer" && optimizerName is null)
    {
        optimizerName = args[i + 1];
    }
    else if (args[i] == "--state" && stateName is null)
    {
        stateName = args[i + 1];
    }
    else
    {
        valid = false;
    }
}

optimizerName ??= "adam";
stateName ??= "float";
int choice = Array.FindIndex(SpiralOptimizers.All, o => o.Name == optimizerName);
if (!valid || choice < 0 || stateName is not ("float" or "bf16"))
{
    Console.Error.WriteLine($"usage: Rlx.Optim.Samples.Spiral [--optimizer {string.Join("|", SpiralOptimizers.All.Select(o => o.Name))}] [--state float|bf16] | [--check-gradients]");
    return 2;
}

(string _, float peakLearningRate, Func<ICheckpointable> createFloatState, Func<ICheckpointable> createBFloat16State) = SpiralOptimizers.All[choice];
Func<ICheckpointable> createOptimizer = stateName == "bf16" ? createBFloat16State : createFloatState;
float finalLearningRate = peakLearningRate / 20;

(SpiralData train, SpiralData test) = SpiralData.Generate(perClass: 300, testFraction: 0.2, seed: 7);
var model = new Mlp(seed: 11);
if (checkGradients)
{
    const int ParameterCount = SpiralOptimizer.W1Length + SpiralOptimizer.B1Length + SpiralOptimizer.W2Length + SpiralOptimizer.B2Length;
    double error = GradientCheck.MaxRelativeError(model, train);
    Console.WriteLine($"gradient check: max relative error {error:0.00e+0} over {ParameterCount} parameters and {train.Count} points (limit {MaxGradientError:0e+0})");
    return error <= MaxGradientError ? 0 : 1;
}

ICheckpointable optimizer = createOptimizer();
OptimizerDescription description = optimizer.Description;
string statePrecision = description.StatePrecision == StatePrecision.BFloat16 ? "bfloat16" : "float";
Console.WriteLine($"Rlx.Optim sample: generated {description.Kind} ({description.Precision} precision, {statePrecision} state, {optimizer.StateBytes:N0} state bytes) on a 3-arm spiral, {train.Count} training and {test.Count} test points.");

var clock = Stopwatch.StartNew();
using var resumeCheck = new ResumeCheck();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    (double loss, double accuracy) = TrainEpoch(model, optimizer, epoch);
    if (epoch == 1 || epoch % 100 == 0)
    {
        Console.WriteLine($"epoch {epoch,4}  loss {loss:F4}  train accuracy {accuracy:P1}  lr {optimizer.LearningRate:G3}");
    }

    if (epoch == Epochs / 2)
    {
        resumeCheck.Stop(model, optimizer, epoch);
    }
}

(double testLoss, double testAccuracy) = model.Evaluate(test, backward: false);
Console.WriteLine($"test loss {testLoss:F4}  test accuracy {testAccuracy:P1}  ({optimizer.StepCount} steps, {clock.Elapsed.TotalSeconds:F1} s)");

(bool identical, long checkpointBytes) = resumeCheck.Resume(model, Epochs, createOptimizer, (m, o, epoch) => TrainEpoch(m, o, epoch));
Console.WriteLine($"resume check: stopped after epoch {resumeCheck.StoppedAfter}, a fresh optimizer loaded the {checkpointBytes}-byte checkpoint and finished: {(identical ? "identical to the uninterrupted run, bit for bit" : "DIFFERENT from the uninterrupted run")}");
return testAccuracy >= 0.9 && identical ? 0 : 1;

(double Loss, double Accuracy) TrainEpoch(Mlp network, IOptimizer optimizer, int epoch)
{
    double progress = (double)(epoch - 1) / Epochs;
    optimizer.LearningRate = finalLearningRate + ((peakLearningRate - finalLearningRate) * 0.5f * (1f + MathF.Cos(MathF.PI * (float)progress)));
    (double loss, double accuracy) = network.Evaluate(train, backward: true);

    // The seed's calling convention: each declared name runs its specialized kernel; then the iteration ends.
    // (A concrete class also has StepAll, which does the same with compile-time-checked arguments.)
    optimizer.Step("w1", network.W1, network.GradW1);
    optimizer.Step("b1", network.B1, network.GradB1);
    optimizer.Step("w2", network.W2, network.GradW2);
    optimizer.Step("b2", network.B2, network.GradB2);
    optimizer.EndIteration();
    return (loss, accuracy);
}

