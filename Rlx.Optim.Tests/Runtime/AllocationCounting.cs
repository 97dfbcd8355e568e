namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// The tests that read <see cref="System.GC.GetAllocatedBytesForCurrentThread"/> run alone, after the others.
/// </summary>
/// <remarks>
/// That counter is per thread, yet while other tests run beside it (Roslyn compilations, checkpoint I/O) it was seen
/// to move by a few kilobytes across a stretch of a test's own loop that calls nothing at all: runtime activity
/// triggered elsewhere, not an allocation by the code under test. Run alone, it counts only what the test does.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCounting
{
    public const string Name = "Allocation counting";

    /// <summary>
    /// The fewest bytes this thread allocated over one call of <paramref name="run"/>, in up to three calls (stopping at
    /// the first that allocates nothing). A step that allocates does so in every call; the runtime's own occasional few
    /// kilobytes on this thread (seen even across code that calls nothing, see above) do not repeat in three in a row.
    /// </summary>
    public static long FewestAllocatedBytes(System.Action run)
    {
        long fewest = long.MaxValue;
        for (int window = 0; window < 3 && fewest != 0; window++)
        {
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            run();
            fewest = System.Math.Min(fewest, System.GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
