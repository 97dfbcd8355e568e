using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Rlx.Optim.Benchmarks;

// dotnet run -c Release --project benchmarks/Rlx.Optim.Benchmarks [-- --short] [-- --filter *Adam*] [-- --generator-cost | --scaling | --kernel-study | --driver-study | --driver-vs-previous | --ceiling | --layout-study | --arithmetic-bound | --bf16-state | --sixteen-bit | --first-step [runs] | --whole-step | --whole-step-rounds | --adafactor-memory | --deepspeed LIBRARY | --print-gpt2-declaration]
if (args.Contains("--print-gpt2-declaration"))
{
    // Only the file's text on stdout: redirect it to Gpt2Declarations.cs.
    Console.Out.Write(Gpt2Declaration.Print());
    return;
}

if (args.Contains("--adafactor-memory"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(AdafactorMemory.Measure());
    return;
}

if (args.Contains("--deepspeed"))
{
    // The library benchmarks/deepspeed/build.sh built.
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(MachineFacts.Load());
    Console.WriteLine(DeepSpeedComparison.Measure(args[Array.IndexOf(args, "--deepspeed") + 1]));
    Console.WriteLine(MachineFacts.Load());
    return;
}

if (args.Contains("--whole-step-rounds"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(MachineFacts.Load());
    Console.WriteLine(WholeStepRounds.Measure());
    Console.WriteLine(MachineFacts.Load());
    return;
}

if (args.Contains("--whole-step"))
{
    // BenchmarkDotNet over the GPT-2 layouts' whole step: 24 cases (six per layout and thread count, (e) PyTorch's way of
    // clipping and (f) the probe among them) in a few minutes. Each GPT-2 small step moves 3.5 GB, so iterations hold
    // a few steps; 15 of them per case, 250 ms each, in process as the other modes.
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(MachineFacts.Load());
    Job wholeStepJob = Job.ShortRun.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithToolchain(InProcessEmitToolchain.Instance);
    string[] wholeStepArgs = args.Where(a => a != "--whole-step").ToArray();
    Summary wholeStep = BenchmarkSwitcher.FromTypes([typeof(WholeStepBenchmarks)]).Run(
        wholeStepArgs.Length == 0 ? ["--filter", "*"] : wholeStepArgs,
        DefaultConfig.Instance.AddJob(wholeStepJob).WithOptions(ConfigOptions.DisableOptimizationsValidator)).First();
    Console.WriteLine();
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(MachineFacts.Load());
    Console.WriteLine(WholeStepReport.Build(wholeStep));
    return;
}

if (args.Length > 0 && args[0] == "--first-step-child")
{
    FirstStep.Child(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<Rlx.Optim.StatePages.Strategy>(args[3]));
    return;
}

if (args.Contains("--first-step"))
{
    int at = Array.IndexOf(args, "--first-step");
    int runs = at + 1 < args.Length && int.TryParse(args[at + 1], out int n) ? n : 5;
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(FirstStep.Measure(runs));
    return;
}

if (args.Contains("--scaling"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(Scaling.Measure());
    return;
}

if (args.Contains("--kernel-study"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(KernelStudy.Measure());
    return;
}

if (args.Contains("--driver-study"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(Rlx.Optim.Benchmarks.DriverStudy.DriverStudy.Measure());
    return;
}

if (args.Contains("--driver-vs-previous"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(DriverVsPrevious.Measure());
    return;
}

if (args.Contains("--sixteen-bit"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(SixteenBitStep.Measure());
    return;
}

if (args.Contains("--bf16-state"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(BFloat16StateStep.Measure());
    return;
}

if (args.Contains("--ceiling"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(CeilingStudy.Measure());
    return;
}

if (args.Contains("--arithmetic-bound"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(ArithmeticBound.Measure());
    return;
}

if (args.Contains("--layout-study"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(LayoutStudy.Measure());
    return;
}

if (args.Contains("--generator-cost"))
{
    Console.WriteLine(MachineFacts.Describe());
    Console.WriteLine(GeneratorCost.Measure());
    return;
}

bool quick = args.Contains("--short");
string[] benchmarkArgs = args.Where(a => a != "--short").ToArray();

Console.WriteLine(MachineFacts.Describe());

// Short: 150 ms iterations (BenchmarkDotNet's default is 500 ms), so the 186 cases take minutes, not half an hour.
Job job = (quick ? Job.ShortRun.WithIterationCount(5).WithWarmupCount(3).WithIterationTime(TimeInterval.FromMilliseconds(150)) : Job.Default)
    .WithToolchain(InProcessEmitToolchain.Instance);
IConfig config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);

// Every benchmark class but --whole-step's, which holds 2 GB and has a job of its own.
Type[] benchmarkTypes = typeof(AdamStepBenchmarks).Assembly.GetTypes()
    .Where(t => t != typeof(WholeStepBenchmarks) && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), inherit: false)))
    .ToArray();
Summary[] summaries = BenchmarkSwitcher.FromTypes(benchmarkTypes).Run(
    benchmarkArgs.Length == 0 ? ["--filter", "*"] : benchmarkArgs, config).ToArray();

foreach (Summary summary in summaries)
{
    Type type = summary.BenchmarksCases.First().Descriptor.Type;
    string? table = type == typeof(AdamStepBenchmarks) ? RatioReport.Build(summary)
        : type == typeof(FamilyStepBenchmarks) ? FamilyReport.Build(summary)
        : null;
    if (table is not null)
    {
        Console.WriteLine();
        Console.WriteLine(MachineFacts.Describe());
        Console.WriteLine(table);
    }
}
