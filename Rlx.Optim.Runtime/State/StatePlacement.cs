using System;

namespace Rlx.Optim;

/// <summary>
/// Where in a 4 KB page each of a set's state buffers should start, given where θ and g start.
/// </summary>
/// <remarks>
/// An x64 core first matches a load against the stores still in flight by the low 12 bits of their addresses; a
/// load whose bits equal a recent store's ("4K aliasing") waits or replays. An update kernel loads θ, g and the
/// state and stores θ and the state, all at the same index, advancing 64 bytes per vector. If a stored stream starts
/// a little after a loaded one (modulo 4 KB), the loads of the next vectors match the stores of the last ones:
/// measured on Zen 4 with the 512-bit Adam kernel in cache (benchmarks, <c>--layout-study</c>, worst of eight
/// allocations), up to 2.8× slower at 64 bytes, 1.6× at 128, 1.1× at 256, at most 3% from 320 on; how much depends on
/// the stream and on the addresses beyond the page offset, so no finer model is kept. Every buffer stays more than <see cref="ConflictWindowBytes"/>
/// from θ and from g, both ways round the page, and from every other buffer (a precaution: two buffers level with
/// each other measured no slower in cache, but the window costs nothing to keep, since there is always room). θ and g
/// are the caller's; the state is ours to place.
/// </remarks>
internal static class StatePlacement
{
    public const int PageBytes = 4096;

    /// <summary>Two streams this close in the page (either way round, or level) can slow each other.</summary>
    public const int ConflictWindowBytes = 384;

    /// <summary>Candidate offsets are whole cache lines, so the buffers stay 64-byte aligned.</summary>
    public const int LineBytes = 64;

    /// <summary>Whether buffers starting at page offsets <paramref name="state"/> can slow the kernel.</summary>
    public static bool Conflicts(ReadOnlySpan<int> state, int parameter, int gradient)
    {
        for (int b = 0; b < state.Length; b++)
        {
            if (Margin(state[b], parameter, gradient, state[..b]) <= ConflictWindowBytes)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fills <paramref name="offsets"/>, buffer by buffer, with the line whose nearest other stream is farthest
    /// away (the first such line on a tie).
    /// </summary>
    public static void Choose(int parameter, int gradient, Span<int> offsets)
    {
        for (int b = 0; b < offsets.Length; b++)
        {
            int best = 0, bestMargin = -1;
            for (int candidate = 0; candidate < PageBytes; candidate += LineBytes)
            {
                int margin = Margin(candidate, parameter, gradient, offsets[..b]);
                if (margin > bestMargin)
                {
                    best = candidate;
                    bestMargin = margin;
                }
            }

            offsets[b] = best;
        }
    }

    /// <summary>How close, in bytes round the page, a buffer at <paramref name="offset"/> comes to θ, g or an already placed buffer.</summary>
    private static int Margin(int offset, int parameter, int gradient, ReadOnlySpan<int> placed)
    {
        int margin = Math.Min(Distance(offset, parameter), Distance(offset, gradient));
        foreach (int other in placed)
        {
            margin = Math.Min(margin, Distance(offset, other));
        }

        return margin;
    }

    /// <summary>The distance between two page offsets, the shorter way round the page: 0 when level.</summary>
    private static int Distance(int a, int b)
    {
        int forward = (a - b) & (PageBytes - 1);
        return Math.Min(forward, PageBytes - forward);
    }
}
