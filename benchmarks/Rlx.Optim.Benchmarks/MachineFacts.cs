using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>The facts a speed figure means nothing without.</summary>
public static class MachineFacts
{
    public static string Describe() =>
        $"CPU: {CpuModel()}; cores: {Environment.ProcessorCount}; Vector<float>.Count = {Vector<float>.Count} " +
        $"({Vector<float>.Count * 32}-bit); Vector512 accelerated: {Vector512.IsHardwareAccelerated} " +
        $"(generated kernels on {KernelWidth.FloatLanes * 32}-bit vectors); " +
        $"AVX-512F: {Avx512F.IsSupported}; AVX2: {Avx2.IsSupported}; FMA: {Fma.IsSupported}; .NET {Environment.Version}";

    /// <summary>The load average now (1, 5 and 15 minutes, from /proc/loadavg): how busy the shared host was.</summary>
    public static string Load()
    {
        const string LoadAverage = "/proc/loadavg";
        string[] fields = File.Exists(LoadAverage) ? File.ReadAllText(LoadAverage).Split(' ') : [];
        return fields.Length >= 3
            ? string.Create(CultureInfo.InvariantCulture,
                $"Load average {fields[0]} / {fields[1]} / {fields[2]} (1, 5, 15 min) on {Environment.ProcessorCount} cores, at {DateTime.Now:yyyy-MM-dd HH:mm:ss}")
            : "Load average unknown";
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        string? line = File.Exists(CpuInfo)
            ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
