using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One measure pass of a <see cref="StepPlan"/> (<see cref="StepPlanSet.MeasurePasses"/>): every set's units of that
/// pass as one piece of work. Each unit takes as many index units as it reads elements (rounded up to
/// <see cref="ElementwiseDriver.ChunkGranularity"/>), so the pool's claims balance the pass; a unit runs in the claim
/// that holds its first index, so exactly once.
/// </summary>
internal sealed class MeasurePass : IWorkItem
{
    private readonly StepPlanSet[] _sets;
    private readonly int _pass;
    private readonly int[] _offsets;
    private readonly int[] _widths;

    public MeasurePass(StepPlanSet[] sets, int pass)
    {
        _sets = sets;
        _pass = pass;
        _offsets = new int[sets.Length + 1];
        _widths = new int[sets.Length];
        long offset = 0;
        for (int i = 0; i < sets.Length; i++)
        {
            _offsets[i] = checked((int)offset);
            if (pass < sets[i].MeasurePasses)
            {
                int granularity = ElementwiseDriver.ChunkGranularity;
                _widths[i] = (Math.Max(1, sets[i].MeasureUnitElements(pass)) + granularity - 1) / granularity * granularity;
                offset += (long)_widths[i] * sets[i].MeasureUnits(pass);
            }
        }

        _offsets[^1] = checked((int)offset);
    }

    public int Length => _offsets[^1];

    /// <summary>Runs the pass on up to <paramref name="parts"/> cores, then each set's <see cref="StepPlanSet.EndMeasure"/>.</summary>
    public void Run(int parts)
    {
        if (parts <= 1)
        {
            Execute(0, (nuint)Length);
        }
        else
        {
            WorkerPool.Shared.Run(this, parts);
        }

        foreach (StepPlanSet set in _sets)
        {
            if (_pass < set.MeasurePasses)
            {
                set.EndMeasure(_pass);
            }
        }
    }

    /// <summary>Runs the units whose first index falls in <c>[start, end)</c>.</summary>
    public void Execute(nuint start, nuint end)
    {
        for (int set = 0; set < _sets.Length; set++)
        {
            int width = _widths[set];
            long offset = _offsets[set];
            if (width == 0 || (long)end <= offset || (long)start >= _offsets[set + 1])
            {
                continue;
            }

            long first = Math.Max(0, ((long)start - offset + width - 1) / width);
            long last = Math.Min(_sets[set].MeasureUnits(_pass), ((long)end - offset + width - 1) / width);
            for (long unit = first; unit < last; unit++)
            {
                _sets[set].Measure(_pass, (int)unit);
            }
        }
    }

    /// <summary>The passes of <paramref name="sets"/>: as many as the set with the most has.</summary>
    public static MeasurePass[] For(StepPlanSet[] sets)
    {
        int passes = 0;
        foreach (StepPlanSet set in sets)
        {
            passes = Math.Max(passes, set.MeasurePasses);
        }

        var all = new MeasurePass[passes];
        for (int pass = 0; pass < passes; pass++)
        {
            all[pass] = new MeasurePass(sets, pass);
        }

        return all;
    }
}
