using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// A state buffer's pages are committed when it is created (<see cref="StatePages"/>), not by the first step: every
/// page is resident afterwards, whichever way it was committed (<c>madvise(MADV_POPULATE_WRITE)</c> or a zero written
/// per page, the fallback of other systems and old kernels), and no byte changes, inside the buffer or beside it.
/// Residency is read with <c>mincore</c> on Linux; elsewhere only the values are checked. Speed is not asserted.
/// </summary>
public sealed class StatePagesTests
{
    private static readonly int Page = Environment.SystemPageSize;

    // Strategies by name: the enum is internal, and a public theory cannot take it.
    public static TheoryData<string, int, int> Spans()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string strategy in new[] { nameof(StatePages.Strategy.Touch), nameof(StatePages.Strategy.Populate) })
        {
            foreach ((int offset, int length) in new[]
            {
                (0, 1), (5, 1), (Page - 1, 2), (0, Page), (64, Page), (1, 3 * Page), (Page - 64, 2 * Page + 128), (0, 16 * Page), (333, 16 * Page - 1),
            })
            {
                data.Add(strategy, offset, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Spans))]
    public void Commit_makes_every_page_resident_and_changes_no_byte(string strategy, int offset, int length)
    {
        // Sentinels round the span (page-aligned storage, so the offsets are offsets in a page); the span itself is zero.
        byte[] storage = GC.AllocateArray<byte>(20 * Page, pinned: true);
        int start = (int)((ulong)Page - AddressOf(storage.AsSpan()) % (ulong)Page) % Page + Page;
        storage.AsSpan().Fill(0xA5);
        Span<byte> zeroed = storage.AsSpan(start + offset, length);
        zeroed.Clear();

        StatePages.Commit(zeroed, Enum.Parse<StatePages.Strategy>(strategy));

        Assert.True(zeroed.IndexOfAnyExcept((byte)0) < 0, "a byte of the span changed");
        Assert.True(storage.AsSpan(0, start + offset).IndexOfAnyExcept((byte)0xA5) < 0, "a byte before the span changed");
        Assert.True(storage.AsSpan(start + offset + length).IndexOfAnyExcept((byte)0xA5) < 0, "a byte after the span changed");
        AssertResident(zeroed);
    }

    [Theory]
    [InlineData(nameof(StatePages.Strategy.Touch))]
    [InlineData(nameof(StatePages.Strategy.Populate))]
    public void Fresh_memory_is_resident_after_commit_and_still_zero(string strategy)
    {
        // 64 MB the GC takes fresh from the operating system (it does not clear those pages, nor touch them).
        byte[] fresh = GC.AllocateArray<byte>(64 << 20, pinned: true);

        StatePages.Commit(fresh, Enum.Parse<StatePages.Strategy>(strategy));

        AssertResident(fresh);
        Assert.True(fresh.AsSpan().IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Lazy_commits_nothing_and_changes_nothing()
    {
        byte[] fresh = GC.AllocateArray<byte>(1 << 20, pinned: true);
        StatePages.Commit(fresh, StatePages.Strategy.Lazy);
        Assert.True(fresh.AsSpan().IndexOfAnyExcept((byte)0) < 0);
        StatePages.Commit(Span<byte>.Empty, StatePages.Strategy.Populate);
        StatePages.Commit(Span<byte>.Empty, StatePages.Strategy.Touch);
    }

    [Fact]
    public void A_new_optimizer_holds_its_state_resident_and_zero()
    {
        var optimizer = new LargeSingleAdam();

        foreach (StateBuffer buffer in optimizer.States.SelectMany(s => s.Buffers))
        {
            Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0);
            AssertResident(MemoryMarshal.AsBytes(buffer.Span));
        }

        // And it steps as before: the first step from zero moments is lr·sign(g) (ε aside) after decay.
        float[] weights = new float[LargeSingleAdam.WLength], gradient = new float[LargeSingleAdam.WLength];
        Array.Fill(gradient, 0.5f);
        optimizer.StepW(weights, gradient);
        Assert.All(weights, w => Assert.Equal(-0.01f, w, 1e-6f));
    }

    /// <summary>On Linux, that every page holding a byte of <paramref name="span"/> is resident (<c>mincore</c>).</summary>
    private static void AssertResident(Span<byte> span)
    {
        if (!OperatingSystem.IsLinux() || span.IsEmpty)
        {
            return;
        }

        ulong first = AddressOf(span) / (ulong)Page * (ulong)Page;
        ulong end = AddressOf(span) + (ulong)span.Length;
        byte[] resident = new byte[(end - first + (ulong)Page - 1) / (ulong)Page];
        Assert.Equal(0, MinCore((nint)first, (nuint)(end - first), resident));
        int missing = resident.Count(r => (r & 1) == 0);
        Assert.True(missing == 0, $"{missing} of {resident.Length} pages are not resident");
    }

    private static ulong AddressOf(Span<byte> span) =>
        (ulong)Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref MemoryMarshal.GetReference(span));

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static extern int MinCore(nint address, nuint length, [Out] byte[] resident);
}
