using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Rlx.Optim;
using Rlx.Optim.Samples.Spiral;

// Trains a two-layer network on a synthetic three-arm spiral with a generated optimizer (Adam unless
// --optimizer names another: adamw, nadam, radam, adamax, lion, sgd, adagrad, rmsprop, adafactor, lamb,
// schedulefree), full batch. Every optimizer is set up as a training loop would set it up (Configure, below): a warm-up
// then cosine learning-rate schedule attached to it, the gradients clipped to a global norm, and a step with a
// non-finite gradient skipped; the progress lines show the rate, the gradient norm (before clipping) and the skipped steps.
// --state bf16 trains with the same optimizer declared with bfloat16 state (StatePrecision = BFloat16: the moments
// stored in half the bytes, rounded stochastically); --state float is the default.
// --parameters bf16 (with adam, adamw, lion or adafactor) keeps the network's four tensors as BFloat16[] and steps them through
// StepAll of a twin declared with Span<BFloat16> parameters and float gradients, which rounds each update
// stochastically; --master-weights adds MasterWeights = true to it (a float copy of the parameters in the state,
// updated exactly, and the parameters written from it rounded to nearest).
// Exits with 1 if the held-out accuracy is below 90%, so it doubles as an end-to-end check.
// Halfway through, the optimizer is saved to a checkpoint; at the end a fresh optimizer loads it and finishes the run
// from there, and the result must equal the uninterrupted run bit for bit (exit code 1 otherwise).
// With --check-gradients it instead compares the backward pass with finite differences, and exits with 1 if they differ.
// With --plot FILE.svg it instead trains with every optimizer in turn, each from the same initialisation, and writes
// their training loss per epoch as one chart (LossCurves.cs runs them, LossPlot.cs draws); --state bf16 may go with it.
// With --data-parallel, started by mpirun (mpirun -np 2 dotnet run ... -- --data-parallel), the processes train together:
// each takes its block of the training points, and the optimizer keeps 1/N of its state on each (ShardedOptimizer,
// Rlx.Optim.Mpi); process 0 then trains the same network alone for comparison. --optimizer, --state and --parameters
// (with --master-weights) may go with it.
const int Epochs = 600;
const int WarmupEpochs = 30;
const float MaxGradientNorm = 0.1f;
const int ModelSeed = 11;
const double MaxGradientError = 1e-2;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
bool checkGradients = args is ["--check-gradients"];
string? optimizerName = null, parameterName = null, stateName = null, plotPath = null;
bool masterWeights = false, dataParallel = false, valid = true;
for (int i = 0; !checkGradients && valid && i < args.Length; i++)
{
    // --optimizer NAME, --parameters float|bf16, --state float|bf16, --master-weights and --plot FILE, each at most
    // once, in any order.
    bool hasValue = i + 1 < args.Length;
    switch (args[i])
    {
        case "--optimizer" when optimizerName is null && hasValue: optimizerName = args[++i]; break;
        case "--parameters" when parameterName is null && hasValue: parameterName = args[++i]; break;
        case "--state" when stateName is null && hasValue: stateName = args[++i]; break;
        case "--master-weights" when !masterWeights: masterWeights = true; break;
        case "--data-parallel" when !dataParallel: dataParallel = true; break;
        case "--plot" when plotPath is null && hasValue: plotPath = args[++i]; break;
        default: valid = false; break;
    }
}

bool plotWithOthers = plotPath is not null && (optimizerName is not null || parameterName is not null || masterWeights || dataParallel);
optimizerName ??= "adam";
parameterName ??= "float";
stateName ??= "float";
int choice = Array.FindIndex(SpiralOptimizers.All, o => o.Name == optimizerName);
if (!valid || choice < 0 || stateName is not ("float" or "bf16") || parameterName is not ("float" or "bf16")
    || (masterWeights && parameterName != "bf16") || plotWithOthers)
{
    Console.Error.WriteLine($"usage: Rlx.Optim.Samples.Spiral [--optimizer {string.Join("|", SpiralOptimizers.All.Select(o => o.Name))}] [--state float|bf16] [--parameters float|bf16 [--master-weights]] [--data-parallel] | --plot FILE.svg [--state float|bf16] | [--check-gradients]");
    return 2;
}

(string _, float peakLearningRate, Func<ICheckpointable> createFloatState, Func<ICheckpointable>? createBFloat16State) = SpiralOptimizers.All[choice];
Func<ICheckpointable>? createDeclared = parameterName == "bf16"
    ? BFloat16SpiralOptimizers.All.GetValueOrDefault((optimizerName, stateName, masterWeights))
    : stateName == "bf16" ? createBFloat16State : createFloatState;
if (createDeclared is null && parameterName != "bf16")
{
    Console.Error.WriteLine($"--state bf16 is not declared for {optimizerName}: it keeps float state only.");
    return 2;
}

if (createDeclared is null)
{
    Console.Error.WriteLine($"--parameters bf16 is declared for {string.Join(", ", BFloat16SpiralOptimizers.All.Keys.Select(k => k.Name).Distinct())} only.");
    return 2;
}

Func<ICheckpointable> createOptimizer = () => Configure(createDeclared(), peakLearningRate);

(SpiralData train, SpiralData test) = SpiralData.Generate(perClass: 300, testFraction: 0.2, seed: 7);
var model = new Mlp(ModelSeed);
if (checkGradients)
{
    const int ParameterCount = SpiralOptimizer.W1Length + SpiralOptimizer.B1Length + SpiralOptimizer.W2Length + SpiralOptimizer.B2Length;
    double error = GradientCheck.MaxRelativeError(model, train);
    Console.WriteLine($"gradient check: max relative error {error:0.00e+0} over {ParameterCount} parameters and {train.Count} points (limit {MaxGradientError:0e+0})");
    return error <= MaxGradientError ? 0 : 1;
}

if (dataParallel)
{
    using var world = Rlx.Optim.Mpi.MpiWorld.Initialize();
    if (world.Rank == 0)
    {
        Console.WriteLine($"Rlx.Optim sample: generated {createOptimizer().Description.Kind} trained data-parallel on {world.Size} processes{(parameterName == "bf16" ? " with bfloat16 parameters" : "")}, each computing the gradients of {train.Count / world.Size} of the {train.Count} training points.");
    }

    double parallelAccuracy;
    long stateBytes, bufferBytes;
    try
    {
        parallelAccuracy = DataParallel.Train(
            world, createOptimizer, parameterName == "bf16", train, test, ModelSeed, Epochs, epoch => epoch == 1 || epoch == WarmupEpochs || epoch % 100 == 0,
            out stateBytes, out bufferBytes);
    }
    catch (NotSupportedException refused)
    {
        // 16-bit sets are refused (the sample's data-parallel mode steps float sets).
        Console.Error.WriteLine($"--data-parallel with {optimizerName}: {refused.Message}");
        return 2;
    }

    long wholeStateBytes = createOptimizer().StateBytes;
    for (int rank = 0; rank < world.Size; rank++)
    {
        if (rank == world.Rank)
        {
            Console.WriteLine($"rank {rank} of {world.Size}: optimizer state {stateBytes:N0} bytes (one process keeps {wholeStateBytes:N0}), flat parameter and gradient buffers {bufferBytes:N0} bytes");
        }

        world.Barrier();
    }

    if (world.Rank == 0)
    {
        var alone = new Mlp(ModelSeed);
        BFloat16Weights? aloneWeights = parameterName == "bf16" ? new BFloat16Weights(alone) : null;
        ICheckpointable single = createOptimizer();
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            TrainEpoch(alone, aloneWeights, single);
        }

        aloneWeights?.WidenInto(alone);
        NamedParameter[] aloneTensors =
        [
            new("w1", alone.W1, ReadOnlyMemory<float>.Empty), new("b1", alone.B1, ReadOnlyMemory<float>.Empty),
            new("w2", alone.W2, ReadOnlyMemory<float>.Empty), new("b2", alone.B2, ReadOnlyMemory<float>.Empty),
        ];
        (single as IEvaluationSwap)?.SwapToEvaluation(aloneTensors); // at x, as the data-parallel run evaluates
        double singleAccuracy = alone.Evaluate(test, backward: false).Accuracy;
        Console.WriteLine($"test accuracy {parallelAccuracy:P1} data-parallel on {world.Size} processes; {singleAccuracy:P1} trained by one process");
    }

    return parallelAccuracy >= 0.9 ? 0 : 1;
}

if (plotPath is not null)
{
    // Every optimizer trains as --optimizer trains it (TrainEpoch), from the same initialisation on the same data.
    var plotClock = Stopwatch.StartNew();
    IReadOnlyList<PlotSeries> curves = LossCurves.EveryOptimizer(
        () => new Mlp(ModelSeed), stateName == "bf16", Epochs, Configure,
        (network, optimizer, epoch) => TrainEpoch(network, null, optimizer).Loss);
    string state = stateName == "bf16" ? "bfloat16" : "float";
    LossPlot.Write(
        plotPath, "Rlx.Optim: every optimizer from the same start on the spiral", xTitle: "epoch (one step each)",
        yTitle: "training loss (cross-entropy, log scale)", curves,
        subtitle: $"{Mlp.Inputs}-{Mlp.Hidden}-{Mlp.Classes} network, {train.Count} points, full batch, {state} state, "
            + $"warm-up + cosine schedule, gradients clipped to norm {MaxGradientNorm}");
    foreach (PlotSeries curve in curves)
    {
        (double first, double last) = (curve.Points[0].Y, curve.Points[^1].Y);
        Console.WriteLine($"{curve.Name,-26} loss {first:F4} at epoch 1, {last:F4} at epoch {Epochs}");
    }

    Console.WriteLine($"plot: {curves.Count} loss curves in {plotPath} ({plotClock.Elapsed.TotalSeconds:F1} s)");
    return 0;
}

BFloat16Weights? weights = parameterName == "bf16" ? new BFloat16Weights(model) : null;
ICheckpointable optimizer = createOptimizer();
OptimizerDescription description = optimizer.Description;
string statePrecision = description.StatePrecision == StatePrecision.BFloat16 ? "bfloat16" : "float";
string masterWeightCopy = description.Sets.Any(set => set.MasterWeights) ? "on" : "off";
Console.WriteLine($"Rlx.Optim sample: generated {description.Kind} ({description.Precision} precision, {(weights is null ? "float" : "bfloat16")} parameters, {statePrecision} state, master weights {masterWeightCopy}, {optimizer.StateBytes:N0} state bytes) on a 3-arm spiral, {train.Count} training and {test.Count} test points.");

var clock = Stopwatch.StartNew();
using var resumeCheck = new ResumeCheck();
int clippedSteps = 0;
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    (double loss, double accuracy, float rate) = TrainEpoch(model, weights, optimizer);
    clippedSteps += optimizer.GradientNorm > MaxGradientNorm ? 1 : 0;
    if (epoch == 1 || epoch == WarmupEpochs || epoch % 100 == 0)
    {
        Console.WriteLine($"epoch {epoch,4}  loss {loss:F4}  train accuracy {accuracy:P1}  lr {rate:G3}  grad norm {optimizer.GradientNorm:F3}  skipped {optimizer.SkippedSteps}");
    }

    if (epoch == Epochs / 2)
    {
        resumeCheck.Stop(model, weights, optimizer, epoch);
    }
}

weights?.WidenInto(model); // the last step's parameters, which no pass has read yet
// Schedule-Free trains at y and is evaluated at the average x: swap to it for the test pass, and back.
NamedParameter[] tensors =
[
    new("w1", model.W1, ReadOnlyMemory<float>.Empty), new("b1", model.B1, ReadOnlyMemory<float>.Empty),
    new("w2", model.W2, ReadOnlyMemory<float>.Empty), new("b2", model.B2, ReadOnlyMemory<float>.Empty),
];
(optimizer as IEvaluationSwap)?.SwapToEvaluation(tensors);
(double testLoss, double testAccuracy) = model.Evaluate(test, backward: false);
(optimizer as IEvaluationSwap)?.SwapToTraining(tensors);
Console.WriteLine($"test loss {testLoss:F4}  test accuracy {testAccuracy:P1}  ({optimizer.StepCount} steps, {clippedSteps} clipped to norm {MaxGradientNorm}, {optimizer.SkippedSteps} skipped, {clock.Elapsed.TotalSeconds:F1} s)");

(bool identical, long checkpointBytes) = resumeCheck.Resume(model, weights, Epochs, createOptimizer, (m, w, o, epoch) => TrainEpoch(m, w, o));
Console.WriteLine($"resume check: stopped after epoch {resumeCheck.StoppedAfter}, a fresh optimizer loaded the {checkpointBytes}-byte checkpoint and finished: {(identical ? "identical to the uninterrupted run, bit for bit" : "DIFFERENT from the uninterrupted run")}");
return testAccuracy >= 0.9 && identical ? 0 : 1;

// What a training loop sets on an optimizer once: the schedule (a function of the step count, so a checkpoint resumes
// it), clipping and the non-finite skip. Each optimizer has its own peak rate (SpiralOptimizers).
ICheckpointable Configure(ICheckpointable optimizer, float peakLearningRate)
{
    optimizer.LearningRateSchedule = LearningRateSchedule.WarmupCosine(
        peakRate: peakLearningRate, finalRate: peakLearningRate / 20, warmupSteps: WarmupEpochs, totalSteps: Epochs,
        warmupStartFactor: 0.1);
    optimizer.MaxGradientNorm = MaxGradientNorm;
    optimizer.SkipNonFiniteSteps = true;
    return optimizer;
}

// One full-batch epoch: the forward and backward pass, then one whole step (clipping needs every gradient at once).
(double Loss, double Accuracy, float Rate) TrainEpoch(Mlp network, BFloat16Weights? weights, ICheckpointable optimizer)
{
    float rate = optimizer.LearningRate; // the schedule's rate for this step

    // The network computes in float: with bfloat16 parameters it reads them widened (exactly) into its arrays.
    weights?.WidenInto(network);
    (double loss, double accuracy) = network.Evaluate(train, backward: true);
    if (weights is not null)
    {
        // 16-bit sets go through the typed StepAll (the name-keyed calls take float spans): bfloat16 θ, float gradients.
        ((IBFloat16SpiralOptimizer)optimizer).StepAll(
            weights.W1, network.GradW1, weights.B1, network.GradB1, weights.W2, network.GradW2, weights.B2, network.GradB2);
        return (loss, accuracy, rate);
    }

    // The seed's name-keyed convention, a whole step at once: each declared name runs its specialized kernel, the
    // gradients are clipped over all four, then the iteration ends. (A concrete class also has a typed StepAll, which
    // does the same in one pass over the sets with compile-time-checked arguments.)
    optimizer.StepAll(
    [
        new NamedParameter("w1", network.W1, network.GradW1),
        new NamedParameter("b1", network.B1, network.GradB1),
        new NamedParameter("w2", network.W2, network.GradW2),
        new NamedParameter("b2", network.B2, network.GradB2),
    ]);
    return (loss, accuracy, rate);
}
