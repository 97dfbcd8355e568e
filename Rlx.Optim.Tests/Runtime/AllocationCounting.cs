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
}
