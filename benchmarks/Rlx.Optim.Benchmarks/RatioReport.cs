using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// Turns one run's times into rates (elements/s, and bytes/s at the 28 bytes an Adam step moves per element) and
/// ratios against the baselines measured in the same run (× previous: against the float Adam kernel the generator
/// wrote before the runtime's driver).
/// </summary>
public static class RatioReport
{
    private const double BytesPerElement = 28;

    public static string Build(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine("| elements | threads | method | time/step | Gelem/s | GB/s | × scalar | × TensorPrimitives | × plain loop | × previous | % of probe | alloc/step |");
        text.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in BySize(summary))
        {
            Dictionary<string, double> nanoseconds = group.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics!.Mean);
            double Rate(string method) => nanoseconds.TryGetValue(method, out double ns) ? group.Key.Elements / ns : double.NaN;
            foreach (BenchmarkReport report in group)
            {
                string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                double rate = Rate(method);
                long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Key.Elements:N0} | {group.Key.Threads} | {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {Time(report.ResultStatistics!.Mean)} | {rate:F2} | {rate * BytesPerElement:F1} | " +
                    $"{rate / Rate(nameof(AdamStepBenchmarks.ScalarSeed)):F1}× | {rate / Rate(nameof(AdamStepBenchmarks.TensorPrimitivesComposition)):F2}× | " +
                    $"{rate / Rate(nameof(AdamStepBenchmarks.PlainLoop)):F2}× | {rate / Rate(nameof(AdamStepBenchmarks.PreviousGeneratedSingle)):F2}× | " +
                    $"{100 * rate / Rate(nameof(AdamStepBenchmarks.BandwidthProbe)):F0}% | {allocated?.ToString(CultureInfo.InvariantCulture) ?? "?"} B |"));
            }
        }

        return text.ToString();
    }

    /// <summary>The measured reports of a run, grouped by size and thread count, smallest first.</summary>
    internal static IEnumerable<IGrouping<(int Elements, int Threads), BenchmarkReport>> BySize(Summary summary) =>
        summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .GroupBy(r => (Elements: Parameter(r.BenchmarkCase, "Elements"), Threads: Parameter(r.BenchmarkCase, "Threads")))
            .OrderBy(g => g.Key.Elements).ThenBy(g => g.Key.Threads);

    private static int Parameter(BenchmarkCase benchmark, string name) => (int)benchmark.Parameters[name]!;

    internal static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:F0} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:F1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:F2} ms"),
    };
}
