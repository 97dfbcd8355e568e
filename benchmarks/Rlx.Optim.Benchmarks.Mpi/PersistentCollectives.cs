using System;
using Rlx.Optim.Mpi;

/// <summary>Open MPI's persistent collectives (<c>MPIX_*_init</c>, then <c>MPI_Start</c> and <c>MPI_Wait</c> per call).</summary>
internal sealed unsafe class PersistentCollectives : IDisposable
{
    private nint _reduceScatter;
    private nint _allGather;

    public PersistentCollectives(MpiWorld world, float[] gradients, float[] shard, float[] parameters, int block)
    {
        OpenMpi.Handles h = world.Handles;
        fixed (float* g = gradients)
        fixed (float* s = shard)
        fixed (float* p = parameters)
        fixed (nint* rs = &_reduceScatter)
        fixed (nint* ag = &_allGather)
        {
            // The arrays are pinned for their lifetime (GC.AllocateArray(pinned: true)), so the addresses stay valid.
            OpenMpi.Check(OpenMpi.ReduceScatterBlockInit(g, s, block, h.Float, h.Sum, h.CommWorld, h.InfoNull, rs), "MPIX_Reduce_scatter_block_init");
            OpenMpi.Check(OpenMpi.AllgatherInit(OpenMpi.InPlace, 0, h.Float, p, block, h.Float, h.CommWorld, h.InfoNull, ag), "MPIX_Allgather_init");
        }
    }

    public void ReduceScatter() => Run(ref _reduceScatter, "reduce-scatter");

    public void AllGather() => Run(ref _allGather, "all-gather");

    private static void Run(ref nint request, string what)
    {
        fixed (nint* r = &request)
        {
            OpenMpi.Check(OpenMpi.Start(r), "MPI_Start " + what);
            OpenMpi.Check(OpenMpi.Wait(r, null), "MPI_Wait " + what);
        }
    }

    public void Dispose()
    {
        fixed (nint* rs = &_reduceScatter)
        fixed (nint* ag = &_allGather)
        {
            OpenMpi.RequestFree(rs);
            OpenMpi.RequestFree(ag);
        }
    }
}
