using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// One thread, hand-written Adam kernels of several shapes (<see cref="KernelShapes"/>) beside the generated one and
/// the bandwidth probe, at 4K, 64K, 1M and 16M elements. The cases run in turn, a short batch each, round after round,
/// and each is reported as the median over rounds of its time relative to the generated shape's in the same round:
/// on a shared machine that drifts, a ratio measured seconds apart would mean little.
/// </summary>
public static class KernelStudy
{
    private const int Rounds = 15;

    public static string Measure()
    {
        var text = new StringBuilder();
        text.AppendLine("| elements | kernel | median time | Gelem/s | GB/s | × `Vector<float>` ×4 (same round, median) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (int n in new[] { 4096, 65536, 1 << 20, 1 << 24 })
        {
            using var data = new Buffers(n);
            // The probe stores bit patterns, not Adam's values (θ gets v, v gets p | m: often NaN or ∞): its own buffers
            // keep them away from the kernels', which would otherwise step NaN parameters.
            using var probeData = new Buffers(n);
            var optimizer = new SingleAdam { MaxDegreeOfParallelism = 1 };
            string set = AdamStepBenchmarks.SetName(n);
            var cases = new List<(string Name, Action Run)>
            {
                ("`Vector<float>` ×4 (the generated shape)", () => KernelShapes.Adam256<AllParts>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("generated optimizer (`Step`, own state buffers)", () => { optimizer.Step(set, data.PSpan, data.GSpan); optimizer.EndIteration(); }),
                ("`Vector<float>` ×4, no subnormal check", () => KernelShapes.Adam256<NoSubnormalCheck>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector<float>` ×4, no NaN term", () => KernelShapes.Adam256<NoNaNTerm>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector<float>` ×4, neither", () => KernelShapes.Adam256<BareArithmetic>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4", () => KernelShapes.Adam512<AllParts>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4, no subnormal check", () => KernelShapes.Adam512<NoSubnormalCheck>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4, no NaN term", () => KernelShapes.Adam512<NoNaNTerm>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4, neither", () => KernelShapes.Adam512<BareArithmetic>(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4, one subnormal test per group of four", () => KernelShapes.Adam512Grouped(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×2", () => KernelShapes.Adam512x2(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×1, fused multiply-add", () => KernelShapes.Adam512Fma(ref data.P, ref data.G, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector<float>` ×4, θ and g 16 bytes off a line", () => KernelShapes.Adam256<AllParts>(ref data.POff, ref data.GOff, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4, θ and g 16 bytes off a line", () => KernelShapes.Adam512<AllParts>(ref data.POff, ref data.GOff, ref data.M, ref data.V, data.Length, 1e-3f, 1f)),
                ("`Vector<float>` ×4, all four streams at one page offset", () => KernelShapes.Adam256<AllParts>(ref data.Aliased(0), ref data.Aliased(1), ref data.Aliased(2), ref data.Aliased(3), data.Length, 1e-3f, 1f)),
                ("`Vector512` ×4, all four streams at one page offset", () => KernelShapes.Adam512<AllParts>(ref data.Aliased(0), ref data.Aliased(1), ref data.Aliased(2), ref data.Aliased(3), data.Length, 1e-3f, 1f)),
                ("`Vector<float>` ×4 over the optimizer's own m and v", () => KernelShapes.Adam256<AllParts>(ref data.P, ref data.G, ref State(optimizer, set, 0), ref State(optimizer, set, 1), data.Length, 1e-3f, 1f)),
                ("bandwidth probe (`Vector512`)", () => ProbeKernel.Update(default, ref probeData.P, ref probeData.G, ref probeData.M, ref probeData.V, ref Unsafe.NullRef<float>(), 0, data.Length)),
                ("bandwidth probe, all four streams at one page offset", () => ProbeKernel.Update(default, ref probeData.Aliased(0), ref probeData.Aliased(1), ref probeData.Aliased(2), ref probeData.Aliased(3), ref Unsafe.NullRef<float>(), 0, data.Length)),
            };

            int calls = Math.Max(1, 8_000_000 / n);
            double[,] times = InterleavedRounds.Time(cases.Select(c => c.Run).ToArray(), Rounds, calls, warmUpCalls: calls);

            for (int c = 0; c < cases.Count; c++)
            {
                double time = InterleavedRounds.MedianOverRounds(Rounds, r => times[c, r]);
                double relative = InterleavedRounds.MedianOverRounds(Rounds, r => times[0, r] / times[c, r]);
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n:N0} | {cases[c].Name} | {time / 1e3:F2} µs | {n / time:F2} | {28.0 * n / time:F1} | {relative:F2}× |"));
            }
        }

        return text.ToString();
    }

    private static ref float State(IOptimizer optimizer, string set, int buffer)
    {
        ((SingleAdam)optimizer).TryGetState(set, out ParameterState? state);
        return ref MemoryMarshal.GetReference(state!.Buffer(buffer));
    }

    /// <summary>
    /// θ, g, m, v, each 64-byte aligned, and θ and g again 16 bytes past a line start. Each starts at another offset
    /// in its page (a multiple of 320 bytes), so loads never alias the stores of another stream 4 KB apart.
    /// </summary>
    private sealed unsafe class Buffers : IDisposable
    {
        private const int PageFloats = 1024;
        private const int StaggerFloats = 80;

        private readonly float*[] _blocks;

        public Buffers(int length)
        {
            Length = (nuint)length;
            _blocks = new float*[6];
            var random = new Random(42);
            for (int b = 0; b < _blocks.Length; b++)
            {
                _blocks[b] = (float*)NativeMemory.AlignedAlloc((nuint)(length + 16 + PageFloats) * sizeof(float), 4096);
                for (int i = 0; i < length + 16 + PageFloats; i++)
                {
                    _blocks[b][i] = b is 2 or 3 ? 0f : (float)(random.NextDouble() * 2 - 1);
                }
            }
        }

        public nuint Length { get; }

        public ref float P => ref *Start(0);

        public ref float G => ref *Start(1);

        public ref float M => ref *Start(2);

        public ref float V => ref *Start(3);

        public ref float POff => ref *(Start(4) + 4);

        public ref float GOff => ref *(Start(5) + 4);

        public Span<float> PSpan => new(Start(0), (int)Length);

        public ReadOnlySpan<float> GSpan => new(Start(1), (int)Length);

        /// <summary>Block <paramref name="block"/> from its page-aligned start: streams 0 to 3 all at page offset 0.</summary>
        public ref float Aliased(int block) => ref *_blocks[block];

        private float* Start(int block) => _blocks[block] + block * StaggerFloats;

        public void Dispose()
        {
            foreach (float* block in _blocks)
            {
                NativeMemory.AlignedFree(block);
            }
        }
    }
}
