using System;
using Rlx.Optim.Tests.Runtime;
using Xunit;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>The 16-bit paths allocate nothing per step either: bfloat16 state, 16-bit parameters, master weights.</summary>
[Collection(AllocationCounting.Name)]
public sealed class SixteenBitAllocationTests
{
    [Fact]
    public void BFloat16StateAllocatesNothingPerStep()
    {
        var optimizer = new BFloat16StateAdam();
        float[] w = new float[BFloat16StateAdam.WLength], gw = new float[w.Length];
        float[] b = new float[BFloat16StateAdam.BLength], gb = new float[b.Length];
        float[] extra = new float[4096], extraGradient = new float[4096];
        gw.AsSpan().Fill(0.1f);
        Run(3); // JIT, the worker threads' run objects and the first use of "extra" allocate; later steps must not.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(20)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                optimizer.StepAll(w, gw, b, gb);
                optimizer.Step("extra", extra, extraGradient);
                optimizer.EndIteration();
            }
        }
    }

    [Fact]
    public void SixteenBitParametersAndMasterWeightsAllocateNothingPerStep()
    {
        var plain = new SixteenBitParameterAdamW();
        var master = new MasterWeightAdamW();
        var w = new BFloat16[SixteenBitParameterAdamW.WLength];
        var gw = new BFloat16[w.Length];
        var b = new Half[SixteenBitParameterAdamW.BLength];
        var gb = new float[b.Length];
        var e = new float[SixteenBitParameterAdamW.ELength];
        var ge = new float[e.Length];
        Run(3);

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(20)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                plain.StepAll(w, gw, b, gb, e, ge);
                master.StepAll(w, gw, b, gb, e, ge);

                // Each set's own method: a master copy's through the set's own plan, kept with its state.
                master.StepW(w, gw);
                master.StepB(b, gb);
                master.StepE(e, ge);
                master.EndIteration();
            }
        }
    }

    [Fact]
    public void AdafactorThroughMasterWeightsAllocatesNothingPerStep()
    {
        var optimizer = new MasterWeightAdafactor();
        var w = new BFloat16[MasterWeightAdafactor.WLength];
        var gw = new float[w.Length];
        var b = new Half[MasterWeightAdafactor.BLength];
        var gb = new float[b.Length];
        var e = new float[MasterWeightAdafactor.ELength];
        var ge = new float[e.Length];
        gw.AsSpan().Fill(0.1f);
        Run(3); // JIT, the sets' scratch and the worker threads' run objects allocate on the first steps.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(20)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                optimizer.StepAll(w, gw, b, gb, e, ge);
                optimizer.StepW(w, gw);
                optimizer.StepB(b, gb);
                optimizer.EndIteration();
            }
        }
    }

    [Fact]
    public void AdafactorWith16BitStorageAllocatesNothingPerStep()
    {
        var optimizer = new RoundedAdafactor();
        var w = new BFloat16[RoundedAdafactor.WLength];
        var gw = new float[w.Length];
        var v = new Half[RoundedAdafactor.VLength];
        var gv = new Half[v.Length];
        var e = new float[RoundedAdafactor.ELength];
        var ge = new float[e.Length];
        gw.AsSpan().Fill(0.1f);
        gv.AsSpan().Fill((Half)0.1f);
        Run(3); // JIT, the sets' scratch and the worker threads' run objects allocate on the first steps.

        Assert.Equal(0, AllocationCounting.FewestAllocatedBytes(() => Run(20)));

        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                optimizer.StepAll(w, gw, v, gv, e, ge);
                optimizer.StepW(w, gw);
                optimizer.StepV(v, gv);
                optimizer.EndIteration();
            }
        }
    }
}
