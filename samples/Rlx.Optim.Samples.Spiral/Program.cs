using System;
using System.Diagnostics;
using System.Globalization;
using Rlx.Optim.Samples.Spiral;

// Trains a two-layer network on a synthetic three-arm spiral with a generated Adam, full batch, with a cosine
// learning-rate schedule. Exits with 1 if the held-out accuracy is below 90%, so it doubles as an end-to-end check.
// Halfway through, the optimizer is saved to a checkpoint; at the end a fresh optimizer loads it and finishes the run
// from there, and the result must equal the uninterrupted run bit for bit (exit code 1 otherwise).
// With --check-gradients it instead compares the backward pass with finite differences, and exits with 1 if they differ.
const int Epochs = 600;
const float PeakLearningRate = 0.02f;
const float FinalLearningRate = 0.001f;
const double MaxGradientError = 1e-2;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
bool checkGradients = args is ["--check-gradients"];
if (args.Length > 0 && !checkGradients)
{
    Console.Error.WriteLine("usage: Rlx.Optim.Samples.Spiral [--check-gradients]");
    return 2;
}

(SpiralData train, SpiralData test) = SpiralData.Generate(perClass: 300, testFraction: 0.2, seed: 7);
var model = new Mlp(seed: 11);
if (checkGradients)
{
    const int ParameterCount = SpiralOptimizer.W1Length + SpiralOptimizer.B1Length + SpiralOptimizer.W2Length + SpiralOptimizer.B2Length;
    double error = GradientCheck.MaxRelativeError(model, train);
    Console.WriteLine($"gradient check: max relative error {error:0.00e+0} over {ParameterCount} parameters and {train.Count} points (limit {MaxGradientError:0e+0})");
    return error <= MaxGradientError ? 0 : 1;
}

var optimizer = new SpiralOptimizer();
Console.WriteLine($"Rlx.Optim sample: generated Adam (Single precision) on a 3-arm spiral, {train.Count} training and {test.Count} test points.");

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

(bool identical, long checkpointBytes) = resumeCheck.Resume(model, Epochs, (m, o, epoch) => TrainEpoch(m, o, epoch));
Console.WriteLine($"resume check: stopped after epoch {resumeCheck.StoppedAfter}, a fresh optimizer loaded the {checkpointBytes}-byte checkpoint and finished: {(identical ? "identical to the uninterrupted run, bit for bit" : "DIFFERENT from the uninterrupted run")}");
return testAccuracy >= 0.9 && identical ? 0 : 1;

(double Loss, double Accuracy) TrainEpoch(Mlp network, SpiralOptimizer adam, int epoch)
{
    double progress = (double)(epoch - 1) / Epochs;
    adam.LearningRate = FinalLearningRate + ((PeakLearningRate - FinalLearningRate) * 0.5f * (1f + MathF.Cos(MathF.PI * (float)progress)));
    (double loss, double accuracy) = network.Evaluate(train, backward: true);
    adam.StepAll(network.W1, network.GradW1, network.B1, network.GradB1, network.W2, network.GradW2, network.B2, network.GradB2);
    return (loss, accuracy);
}
