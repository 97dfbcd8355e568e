using System;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One Adafactor set's step, pinned by the caller: bind, each measure pass's units (across cores when the set is
/// large enough), each pass's end on the calling thread, then the update over the set's elements.
/// </summary>
internal sealed unsafe class MeasuredSetRun : IWorkItem
{
    [ThreadStatic]
    private static MeasuredSetRun? t_current;

    private StepPlanSet? _set;
    private Action<int, int>? _measure;
    private int _pass;
    private int _units;
    private bool _updating;

    int IWorkItem.Length => _updating ? _set!.Length : _units * ElementwiseDriver.ChunkGranularity;

    public static void Run<TRule>(AdafactorSet<TRule> set, byte* parameter, byte* gradient, float gradientScale, int maxDegreeOfParallelism)
        where TRule : IAdafactorRule
    {
        MeasuredSetRun run = t_current ??= new MeasuredSetRun();
        set.Parameter = parameter;
        set.Gradient = gradient;
        try
        {
            set.Bind(0, 0, gradientScale);
            int parts = maxDegreeOfParallelism == 1
                ? 1
                : ElementwiseDriver.PartsFor(set.Length, maxDegreeOfParallelism, WorkerPool.Shared.WorkerCount + 1);
            run._set = set;
            for (int pass = 0; pass < set.MeasurePasses; pass++)
            {
                run._pass = pass;
                run._units = set.MeasureUnits(pass);
                run._updating = false;
                run._measure = set.MeasureAction;
                Run(run, Math.Min(parts, run._units));
                set.EndMeasure(pass);
            }

            run._updating = true;
            Run(run, parts);
        }
        finally
        {
            set.Parameter = null;
            set.Gradient = null;
            run._set = null;
            run._measure = null;
        }
    }

    private static void Run(MeasuredSetRun run, int parts)
    {
        if (parts <= 1)
        {
            ((IWorkItem)run).Execute(0, (nuint)((IWorkItem)run).Length);
        }
        else
        {
            WorkerPool.Shared.Run(run, parts);
        }
    }

    void IWorkItem.Execute(nuint start, nuint end)
    {
        if (_updating)
        {
            _set!.Execute(start, end);
            return;
        }

        int first = (int)(start / ElementwiseDriver.ChunkGranularity);
        int last = (int)((end + ElementwiseDriver.ChunkGranularity - 1) / ElementwiseDriver.ChunkGranularity);
        for (int unit = first; unit < last; unit++)
        {
            _measure!(_pass, unit);
        }
    }
}
