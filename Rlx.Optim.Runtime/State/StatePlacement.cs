using System;

namespace Rlx.Optim;

/// <summary>
/// Where in a 4 KB page a set's state buffers should start, given where θ and g start.
/// </summary>
/// <remarks>
/// An x64 core first matches a load against the stores still in flight by the low 12 bits of their addresses; a
/// load whose bits equal a recent store's ("4K aliasing") waits or replays. An update kernel loads θ, g and the
/// state and stores θ and the state, all at the same index, advancing 64 bytes per vector. If a stored stream starts
/// a little after a loaded one (modulo 4 KB), the loads of the next vectors match the stores of the last ones.
/// Measured on Zen 4 with the 512-bit Adam kernel in cache (benchmarks, <c>--layout-study</c>): a store stream 64 bytes
/// ahead of a load stream makes the step 1.5× slower, 128 bytes 1.2×, 256 bytes 1.05×; from 384 bytes, and at 0,
/// no effect. θ and g are the caller's; the state is ours to place.
/// </remarks>
internal static class StatePlacement
{
    public const int PageBytes = 4096;

    /// <summary>A store stream at most this far ahead of a load stream (and not level with it) slows the loads.</summary>
    public const int ConflictWindowBytes = 384;

    /// <summary>Candidate offsets are whole cache lines, so the buffers stay 64-byte aligned.</summary>
    public const int LineBytes = 64;

    /// <summary>
    /// Whether state starting at page offset <paramref name="state"/> slows the kernel: it is stored just ahead of
    /// θ or g, or θ is stored just ahead of it. (State buffers share one offset, so they never conflict with each other.)
    /// </summary>
    public static bool Conflicts(int state, int parameter, int gradient) =>
        Margin(state, parameter, gradient) <= ConflictWindowBytes;

    /// <summary>The line-aligned page offset whose nearest conflict is farthest away; the first such offset on a tie.</summary>
    public static int Choose(int parameter, int gradient)
    {
        int best = 0, bestMargin = -1;
        for (int candidate = 0; candidate < PageBytes; candidate += LineBytes)
        {
            int margin = Margin(candidate, parameter, gradient);
            if (margin > bestMargin)
            {
                best = candidate;
                bestMargin = margin;
            }
        }

        return best;
    }

    /// <summary>How far ahead, in bytes, the nearest store stream runs of a load stream it could slow: 4096 when none does.</summary>
    private static int Margin(int state, int parameter, int gradient) =>
        Math.Min(Ahead(state - parameter), Math.Min(Ahead(parameter - state), Ahead(state - gradient)));

    /// <summary>How far (1 to 4096 bytes) a stream starting <paramref name="difference"/> bytes after another runs ahead of it in the page; level streams count as 4096.</summary>
    private static int Ahead(int difference)
    {
        int ahead = difference & (PageBytes - 1);
        return ahead == 0 ? PageBytes : ahead;
    }
}
