using System;
using System.Collections.Generic;
using System.Linq;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.WholeStep;

/// <summary>
/// The plan's measure passes, with a set whose rule needs reductions before its update: every unit of a pass runs
/// exactly once before the pass ends, passes run in order before the update, and the reductions give the same bits on
/// one core and on all, and for a one-set call (<see cref="StepPlan.RunSet"/>).
/// </summary>
public sealed class MeasurePassTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void Every_unit_runs_once_per_pass_and_passes_end_before_the_update(int cores)
    {
        var sets = new[] { new ReducingSet("a", 300_000, unitElements: 4_096), new ReducingSet("b", 5, unitElements: 4_096), new ReducingSet("c", 70_001, unitElements: 1_000) };
        var plan = new StepPlan(sets);
        float[][] parameters = sets.Select(s => Draw(s.Length, 1)).ToArray();
        float[][] gradients = sets.Select(s => Draw(s.Length, 2)).ToArray();
        for (int i = 0; i < sets.Length; i++)
        {
            sets[i].Data = (parameters[i], gradients[i]);
        }

        var spans = new Spans(parameters, gradients);

        Assert.True(plan.Run(ref spans, maxGradientNorm: null, skipNonFinite: false, seed: 0, step: 1, cores, parallelThreshold: 1));

        foreach (ReducingSet set in sets)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                Assert.All(set.Runs[pass], count => Assert.Equal(1, count));
            }

            Assert.Equal(new[] { "end 0", "end 1", "update" }, set.Events.Distinct());
        }
    }

    [Fact]
    public void Reductions_and_update_have_the_same_bits_on_one_core_on_all_and_in_a_one_set_call()
    {
        float[] one = Run(cores: 1, alone: false), all = Run(cores: -1, alone: false), alone = Run(cores: -1, alone: true);

        Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), all.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(one.Select(BitConverter.SingleToInt32Bits), alone.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(Draw(one.Length, 1), one); // the update did move θ
    }

    [Fact]
    public void The_second_pass_sees_the_first_passes_result()
    {
        var set = new ReducingSet("a", 50_000, unitElements: 4_096);
        float[] parameter = Draw(set.Length, 1), gradient = Draw(set.Length, 2);
        double expectedGradientSum = gradient.Sum(x => (double)x);
        set.Data = (parameter, gradient);

        StepPlan.RunSet(set, parameter.AsSpan(), gradient.AsSpan(), 1f, seed: 0, step: 1, maxDegreeOfParallelism: -1, parallelThreshold: 1);

        Assert.Equal(expectedGradientSum, set.GradientSum, 6);
        Assert.Equal(set.Length, set.WeightedCount); // pass 1 counted every element once, each weighted by pass 0's result
    }

    private static float[] Run(int cores, bool alone)
    {
        var set = new ReducingSet("a", 200_003, unitElements: 2_048);
        float[] parameter = Draw(set.Length, 1), gradient = Draw(set.Length, 2);
        set.Data = (parameter, gradient);
        if (alone)
        {
            StepPlan.RunSet(set, parameter.AsSpan(), gradient.AsSpan(), 1f, seed: 0, step: 1, cores, parallelThreshold: 1);
        }
        else
        {
            var spans = new Spans([parameter], [gradient]);
            new StepPlan(set).Run(ref spans, null, false, 0, 1, cores, parallelThreshold: 1);
        }

        return parameter;
    }

    private static float[] Draw(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private readonly ref struct Spans(float[][] parameters, float[][] gradients) : IStepSpans
    {
        public ref byte Parameter(int set) => ref StepPlan.First(parameters[set].AsSpan());

        public ref byte Gradient(int set) => ref StepPlan.First((ReadOnlySpan<float>)gradients[set]);

        public void Addresses(Span<nuint> addresses)
        {
            for (int set = 0; set < parameters.Length; set++)
            {
                (addresses[2 * set], addresses[2 * set + 1]) = (StepPlan.Address(parameters[set].AsSpan()), StepPlan.Address((ReadOnlySpan<float>)gradients[set]));
            }
        }
    }

    /// <summary>
    /// A rule of two measure passes: pass 0 sums g per unit, pass 1 counts elements (weighted by pass 0's sum over
    /// itself, to prove it was ended first); the update adds a term of both sums to θ.
    /// </summary>
    private sealed class ReducingSet : StepPlanSet<float>
    {
        private readonly int _unitElements;
        private readonly double[] _unitSums;

        public ReducingSet(string name, int length, int unitElements)
            : base(new ParameterState(name, [length]))
        {
            _unitElements = unitElements;
            _unitSums = new double[Units];
            Runs = [new int[Units], new int[Units]];
        }

        public int[][] Runs { get; }

        /// <summary>θ and g as arrays (the plan pins them; this test reads them without pointers).</summary>
        public (float[] Parameter, float[] Gradient) Data { get; set; }

        public List<string> Events { get; } = [];

        public double GradientSum { get; private set; }

        public double WeightedCount { get; private set; }

        private int Units => (Length + _unitElements - 1) / _unitElements;

        internal override int MeasurePasses => 2;

        internal override int MeasureUnits(int pass) => Units;

        internal override int MeasureUnitElements(int pass) => _unitElements;

        internal override void Bind(ulong seed, long step, float gradientScale)
        {
        }

        internal override void Measure(int pass, int unit)
        {
            System.Threading.Interlocked.Increment(ref Runs[pass][unit]);
            float[] g = Data.Gradient;
            double sum = 0;
            for (int i = unit * _unitElements, end = Math.Min(Length, i + _unitElements); i < end; i++)
            {
                sum += pass == 0 ? g[i] : GradientSum / GradientSum;
            }

            _unitSums[unit] = sum;
        }

        internal override void EndMeasure(int pass)
        {
            lock (Events)
            {
                Events.Add($"end {pass}");
            }

            double total = 0;
            foreach (double sum in _unitSums)
            {
                total += sum;
            }

            if (pass == 0)
            {
                GradientSum = total;
            }
            else
            {
                WeightedCount = total;
            }
        }

        internal override void Execute(nuint start, nuint end)
        {
            lock (Events)
            {
                Events.Add("update");
            }

            float[] p = Data.Parameter;
            float shift = (float)(GradientSum * 1e-3 + WeightedCount * 1e-9);
            for (nuint i = start; i < end; i++)
            {
                p[(int)i] -= shift * p[(int)i];
            }
        }

        internal override double SumOfSquaresOfBlock(int block) => 0;
    }
}
