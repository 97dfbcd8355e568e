using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Rlx.Optim.Benchmarks;

// dotnet run -c Release --project benchmarks/Rlx.Optim.Benchmarks [-- --short] [-- --filter *Adam*] [-- --generator-cost | --scaling | --kernel-study | --driver-study | --driver-vs-previous | --ceiling | --layout-study | --arithmetic-bound | --bf16-state | --sixteen-bit | --first-step [runs]]
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

// Short: 150 ms iterations (BenchmarkDotNet's default is 500 ms), so the 114 cases take minutes, not half an hour.
Job job = (quick ? Job.ShortRun.WithIterationCount(5).WithWarmupCount(3).WithIterationTime(TimeInterval.FromMilliseconds(150)) : Job.Default)
    .WithToolchain(InProcessEmitToolchain.Instance);
IConfig config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);

Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(AdamStepBenchmarks).Assembly).Run(
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
