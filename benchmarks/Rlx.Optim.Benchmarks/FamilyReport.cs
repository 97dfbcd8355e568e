using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The family's rates: elements/s, bytes/s at what each optimizer moves per element, and the ratio to Adam at the
/// same size and thread count in the same run.
/// </summary>
public static class FamilyReport
{
    public static string Build(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine("| elements | threads | optimizer | time/step | Gelem/s | bytes/elem | GB/s | × Adam | alloc/step |");
        text.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        var order = FamilyStepBenchmarks.Optimizers.Keys.ToList();
        foreach (var group in RatioReport.BySize(summary))
        {
            double adam = group.Where(r => Optimizer(r) == "Adam").Select(r => group.Key.Elements / r.ResultStatistics!.Mean).DefaultIfEmpty(double.NaN).First();
            foreach (BenchmarkReport report in group.OrderBy(r => order.IndexOf(Optimizer(r))))
            {
                string optimizer = Optimizer(report);
                int bytes = FamilyStepBenchmarks.Optimizers[optimizer].BytesPerElement;
                double rate = group.Key.Elements / report.ResultStatistics!.Mean;
                long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {group.Key.Elements:N0} | {group.Key.Threads} | {optimizer} | {RatioReport.Time(report.ResultStatistics.Mean)} | {rate:F2} | {bytes} | " +
                    $"{rate * bytes:F1} | {rate / adam:F2}× | {allocated?.ToString(CultureInfo.InvariantCulture) ?? "?"} B |"));
            }
        }

        return text.ToString();
    }

    private static string Optimizer(BenchmarkReport report) => (string)report.BenchmarkCase.Parameters["Optimizer"]!;
}
