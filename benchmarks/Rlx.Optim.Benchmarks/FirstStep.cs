using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// <c>--first-step</c>: what the first <c>StepAll</c> of a freshly constructed optimizer costs on GPT-2 small's layout
/// (<see cref="Gpt2SmallAdam"/>, 148 declared sets, 124M parameters, 1 GB of float state), against the steps after it.
/// A first step happens once per process, so every measurement is a child process of its own
/// (<c>--first-step-child</c>), run in rotating order with the other configurations, several times over: one thread and
/// two (<c>MaxDegreeOfParallelism</c>), tiered compilation off (this project's setting: every method compiled fully
/// optimized on its first call), on (.NET's default, <c>DOTNET_TieredCompilation=1</c>: methods start unoptimized, and
/// methods with loops reach optimized code through on-stack replacement), and on with loops compiled fully optimized
/// from their first call (<c>DOTNET_TC_QuickJitForLoops=0</c>, MSBuild's <c>TieredCompilationQuickJitForLoops</c>);
/// and the state's pages committed at construction each way the runtime knows (<see cref="StatePages.Strategy"/>:
/// <c>Lazy</c>, as before, leaves them to the first step).
/// </summary>
/// <remarks>
/// Each child allocates and fills θ and g first (not measured), then times the optimizer's construction and six
/// <c>StepAll</c> calls, and for each of them reads the process's minor page faults and user and system CPU time
/// (<c>getrusage</c>) and the JIT's compilation time and method count (<see cref="System.Runtime.JitInfo"/>). Beside it,
/// a child that only allocates pinned arrays of the state's sizes and writes one byte per 4 KB page on one thread or two
/// (the <c>touch</c> rows) gives the operating system's price for mapping that many fresh pages, with none of our code;
/// and one that steps four sets one by one before <c>StepAll</c> (the <c>sets first</c> rows) shows where the JIT's
/// time goes. Linux only (the fault counts come from <c>getrusage</c>).
/// </remarks>
public static class FirstStep
{
    private const int Steps = 6;
    private const int PageBytes = 4096;

    /// <summary>The parent: runs every configuration <paramref name="runs"/> times, interleaved, and tabulates the ranges.</summary>
    public static string Measure(int runs)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "--first-step reads getrusage: Linux only.";
        }

        var configurations = new List<Configuration>();
        foreach (int threads in new[] { 1, 2 })
        {
            foreach (StatePages.Strategy strategy in Enum.GetValues<StatePages.Strategy>())
            {
                configurations.Add(new Configuration("StepAll", threads, Jit.Off, strategy));
            }

            if (threads == 1)
            {
                // Where the first step's JIT goes: four sets one by one (two kinds of method), then StepAll.
                configurations.Add(new Configuration("sets first", threads, Jit.Off, StatePages.Current));
                configurations.Add(new Configuration("sets first", threads, Jit.Tiered, StatePages.Current));
            }

            // Tiered compilation changes what the JIT does, not what the pages cost: before and after only.
            configurations.Add(new Configuration("StepAll", threads, Jit.Tiered, StatePages.Strategy.Lazy));
            configurations.Add(new Configuration("StepAll", threads, Jit.Tiered, StatePages.Current));
            configurations.Add(new Configuration("StepAll", threads, Jit.TieredLoopsOptimized, StatePages.Current));
            configurations.Add(new Configuration("touch", threads, Jit.Off, StatePages.Strategy.Lazy));
        }

        var results = configurations.ToDictionary(c => c, _ => new List<Phase[]>());
        for (int run = 0; run < runs; run++)
        {
            for (int k = 0; k < configurations.Count; k++)
            {
                Configuration configuration = configurations[(k + run) % configurations.Count];
                Phase[] phases = RunChild(configuration);
                results[configuration].Add(phases);
                // Every child's figures as they come, on standard error, so a long run is never lost.
                Console.Error.WriteLine($"{configuration}: " + string.Join("; ", phases.Select(p => p.ToString())));
            }
        }

        return Report(configurations, results, runs);
    }

    /// <summary>A child: measures one configuration and prints one line per phase.</summary>
    internal static void Child(string what, int threads, StatePages.Strategy strategy)
    {
        StatePages.Current = strategy; // before any state is allocated
        IReadOnlyList<(string Name, int Length)> layout = BFloat16StateStep.Gpt2SmallLayout();
        Snapshot.Take(); // compile the measuring code before anything is measured
        if (what == "touch")
        {
            Print(TouchFreshPages(layout, threads));
            return;
        }

        var p = new ArraySegment<float>[layout.Count];
        var g = new ArraySegment<float>[layout.Count];
        uint seed = 42;
        for (int k = 0; k < layout.Count; k++)
        {
            p[k] = PlacedStreams.Zeroed(PlacedStreams.Parameter, layout[k].Length);
            g[k] = PlacedStreams.Zeroed(PlacedStreams.Gradient, layout[k].Length);
            Fill(p[k], ref seed);
            Fill(g[k], ref seed);
        }

        var phases = new List<Phase>();
        Snapshot before = Snapshot.Take();
        var optimizer = new Gpt2SmallAdam();
        optimizer.MaxDegreeOfParallelism = threads;
        phases.Add(Snapshot.Take().Since(before, "construction"));
        CheckLayout(optimizer, layout);

        if (what == "sets first")
        {
            foreach ((string name, Action<Gpt2SmallAdam> call) in new (string, Action<Gpt2SmallAdam>)[]
            {
                ("StepLnFBias (768, calling thread)", o => o.StepLnFBias(p[147], g[147])),
                ("StepH0Ln1Bias (768, calling thread)", o => o.StepH0Ln1Bias(p[3], g[3])),
                ("StepWteWeight (38.6M, across cores)", o => o.StepWteWeight(p[0], g[0])),
                ("StepWpeWeight (786K, across cores)", o => o.StepWpeWeight(p[1], g[1])),
            })
            {
                before = Snapshot.Take();
                call(optimizer);
                phases.Add(Snapshot.Take().Since(before, name));
            }
        }

        for (int step = 1; step <= Steps; step++)
        {
            before = Snapshot.Take();
            optimizer.StepAllSets(p, g);
            phases.Add(Snapshot.Take().Since(before, $"step {step}"));
        }

        Print(phases);
    }

    /// <summary>The operating system's part alone: fresh pinned arrays of the state's sizes, one byte written per page.</summary>
    private static List<Phase> TouchFreshPages(IReadOnlyList<(string Name, int Length)> layout, int threads)
    {
        Snapshot before = Snapshot.Take();
        // What StateBuffer allocates for a set of 1,024 elements or more: its floats and a page of slack; two per set.
        byte[][] buffers = layout.SelectMany(t => new[] { t.Length, t.Length })
            .Select(n => GC.AllocateArray<byte>(n * sizeof(float) + PageBytes - sizeof(float), pinned: true)).ToArray();
        var phases = new List<Phase> { Snapshot.Take().Since(before, "allocation") };

        before = Snapshot.Take();
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int part = t;
            workers[t] = new Thread(() =>
            {
                foreach (byte[] buffer in buffers)
                {
                    // Each thread its own contiguous share of every buffer, as the kernel's split would give it.
                    int pages = (buffer.Length + PageBytes - 1) / PageBytes;
                    for (int page = pages * part / threads; page < pages * (part + 1) / threads; page++)
                    {
                        Volatile.Write(ref buffer[page * PageBytes], 0);
                    }
                }
            });
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        phases.Add(Snapshot.Take().Since(before, "touch"));
        GC.KeepAlive(buffers);
        return phases;
    }

    private static void CheckLayout(Gpt2SmallAdam optimizer, IReadOnlyList<(string Name, int Length)> layout)
    {
        if (optimizer.States.Count != layout.Count
            || !optimizer.States.Zip(layout).All(x => x.First.Name == x.Second.Name && x.First.Length == x.Second.Length))
        {
            throw new InvalidOperationException("Gpt2SmallAdam's declared sets differ from Gpt2SmallLayout.");
        }
    }

    private static void Fill(ArraySegment<float> values, ref uint seed)
    {
        Span<float> span = values;
        for (int i = 0; i < span.Length; i++)
        {
            seed = seed * 1664525 + 1013904223;
            span[i] = (int)seed * (1f / int.MaxValue); // uniform in [-1, 1]
        }
    }

    private static void Print(List<Phase> phases)
    {
        foreach (Phase phase in phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase.Name}\t{phase.Milliseconds:F3}\t{phase.MinorFaults}\t{phase.UserMilliseconds:F3}\t{phase.SystemMilliseconds:F3}\t{phase.JitMilliseconds:F3}\t{phase.JitMethods}"));
        }
    }

    private static Phase[] RunChild(Configuration configuration)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FirstStep).Assembly.Location);
        }

        start.ArgumentList.Add("--first-step-child");
        start.ArgumentList.Add(configuration.What);
        start.ArgumentList.Add(configuration.Threads.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(configuration.Strategy.ToString());
        if (configuration.Jit != Jit.Off)
        {
            start.Environment["DOTNET_TieredCompilation"] = "1"; // overrides the project's runtimeconfig setting
        }

        if (configuration.Jit == Jit.TieredLoopsOptimized)
        {
            start.Environment["DOTNET_TC_QuickJitForLoops"] = "0";
        }

        using Process child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{configuration} exited with {child.ExitCode}: {output}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Phase.Parse).ToArray();
    }

    private static string Report(List<Configuration> configurations, Dictionary<Configuration, List<Phase[]>> results, int runs)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"GPT-2 small, {BFloat16StateStep.Gpt2SmallLayout().Count} declared sets; {runs} child processes per row, interleaved; median (min–max) over them."));
        text.AppendLine("Steady: the median of steps 3–6 of each process. Faults: minor page faults. CPU: user + system time of the whole process.");
        text.AppendLine();
        text.AppendLine("| what | threads | tiered | pages | phase | wall ms | ÷ steady | minor faults | user ms | system ms | JIT ms | JIT methods |");
        text.AppendLine("|---|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (Configuration configuration in configurations)
        {
            List<Phase[]> all = results[configuration];
            double[] steady = configuration.What == "touch"
                ? []
                : all.Select(phases => Median(phases.Where(p => p.Name is "step 3" or "step 4" or "step 5" or "step 6").Select(p => p.Milliseconds))).ToArray();
            foreach (string name in all[0].Select(p => p.Name))
            {
                if (name is "step 4" or "step 5" or "step 6" || (configuration.What == "sets first" && name is "step 2" or "step 3"))
                {
                    continue;
                }

                Phase[] phase = all.Select(phases => phases.Single(p => p.Name == name)).ToArray();
                string ratio = configuration.What == "touch" ? "–" : Range(phase.Select((p, r) => p.Milliseconds / steady[r]).ToArray(), "F1", "×");
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {configuration.What} | {configuration.Threads} | {Describe(configuration.Jit)} | {Pages(configuration)} | {name} | " +
                    $"{Range(phase.Select(p => p.Milliseconds).ToArray(), "F0")} | {ratio} | {Range(phase.Select(p => (double)p.MinorFaults).ToArray(), "F0")} | " +
                    $"{Range(phase.Select(p => p.UserMilliseconds).ToArray(), "F0")} | {Range(phase.Select(p => p.SystemMilliseconds).ToArray(), "F0")} | " +
                    $"{Range(phase.Select(p => p.JitMilliseconds).ToArray(), "F1")} | {Range(phase.Select(p => (double)p.JitMethods).ToArray(), "F0")} |"));
            }

            if (configuration.What == "StepAll")
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {configuration.What} | {configuration.Threads} | {Describe(configuration.Jit)} | {Pages(configuration)} | steady (steps 3–6) | {Range(steady, "F0")} | 1.0× | | | | | |"));
            }
        }

        return text.ToString();
    }

    private static string Pages(Configuration configuration) => configuration.What == "touch" ? "written" : configuration.Strategy.ToString();

    private static string Range(double[] values, string format, string unit = "") =>
        values.Length == 1
            ? values[0].ToString(format, CultureInfo.InvariantCulture) + unit
            : string.Create(CultureInfo.InvariantCulture,
                $"{Median(values).ToString(format, CultureInfo.InvariantCulture)}{unit} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");

    private static double Median(IEnumerable<double> values) => InterleavedRounds.Median(values);

    private static string Describe(Jit jit) => jit switch
    {
        Jit.Off => "off",
        Jit.Tiered => "on",
        _ => "on, loops optimized",
    };

    private enum Jit
    {
        Off,
        Tiered,
        TieredLoopsOptimized,
    }

    private sealed record Configuration(string What, int Threads, Jit Jit, StatePages.Strategy Strategy);

    private sealed record Phase(string Name, double Milliseconds, long MinorFaults, double UserMilliseconds, double SystemMilliseconds, double JitMilliseconds, long JitMethods)
    {
        public static Phase Parse(string line)
        {
            string[] f = line.TrimEnd('\r').Split('\t');
            return new Phase(f[0], D(f[1]), long.Parse(f[2], CultureInfo.InvariantCulture), D(f[3]), D(f[4]), D(f[5]), long.Parse(f[6], CultureInfo.InvariantCulture));

            static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The process's clocks and counters at one moment.</summary>
    private readonly record struct Snapshot(long Timestamp, long MinorFaults, double UserMilliseconds, double SystemMilliseconds, TimeSpan Jit, long JitMethods)
    {
        public static Snapshot Take()
        {
            long jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
            TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime();
            if (GetResourceUsage(0, out ResourceUsage usage) != 0) // RUSAGE_SELF: every thread of the process
            {
                throw new InvalidOperationException($"getrusage failed: {Marshal.GetLastPInvokeError()}");
            }

            return new Snapshot(Stopwatch.GetTimestamp(), usage.MinorFaults,
                usage.UserSeconds * 1e3 + usage.UserMicroseconds / 1e3, usage.SystemSeconds * 1e3 + usage.SystemMicroseconds / 1e3, jit, jitMethods);
        }

        public Phase Since(Snapshot before, string name) => new(
            name,
            Stopwatch.GetElapsedTime(before.Timestamp, Timestamp).TotalMilliseconds,
            MinorFaults - before.MinorFaults,
            UserMilliseconds - before.UserMilliseconds,
            SystemMilliseconds - before.SystemMilliseconds,
            (Jit - before.Jit).TotalMilliseconds,
            JitMethods - before.JitMethods);
    }

    /// <summary>Linux's <c>struct rusage</c> on 64-bit targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResidentKilobytes, SharedMemory, UnsharedData, UnsharedStack;
        public long MinorFaults, MajorFaults, Swaps, BlockInputs, BlockOutputs, MessagesSent, MessagesReceived, Signals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);
}
