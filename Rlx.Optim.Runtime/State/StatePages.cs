using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Rlx.Optim;

/// <summary>
/// Commits the pages of a freshly allocated, zeroed state buffer when it is created, so that the operating system
/// maps them then rather than inside the first step.
/// </summary>
/// <remarks>
/// <para>
/// A large pinned array comes from memory the GC has never touched (it knows fresh pages are zero and does not clear
/// them), so each 4 KB page is mapped on its first access. Left to the first step, that access is the kernel's load
/// of m and v: the load maps the shared zero page, and the store after it faults again to replace it with a page of
/// its own, two faults per page, the second with a TLB flush on every core the process has run on.
/// </para>
/// <para>
/// Committing never changes a value: the buffer is zeroed by the allocation (by the GC, or by the operating system
/// for fresh pages), and every page is either asked for writable (<c>MADV_POPULATE_WRITE</c>, Linux 5.14 and later,
/// which maps the pages without touching their contents) or written once with the zero it already holds.
/// </para>
/// </remarks>
internal static partial class StatePages
{
    /// <summary>How buffers are committed: <see cref="Populate"/> unless a test or a benchmark says otherwise.</summary>
    internal enum Strategy
    {
        /// <summary>Not at all: the pages are mapped when the first step reaches them.</summary>
        Lazy,

        /// <summary>One zero written per page, on every operating system.</summary>
        Touch,

        /// <summary><c>madvise(MADV_POPULATE_WRITE)</c> where Linux has it, <see cref="Touch"/> elsewhere.</summary>
        Populate,

        /// <summary><see cref="Populate"/>, with <c>MADV_HUGEPAGE</c> asked first for the buffer's whole 2 MB extents.</summary>
        HugePopulate,
    }

    /// <summary>The strategy of buffers created from now on (a process-wide setting for tests and benchmarks).</summary>
    internal static Strategy Current { get; set; } = Strategy.Populate;

    private const int MadviseHugePage = 14;
    private const int MadvisePopulateWrite = 23;
    private const nuint HugePageBytes = 2 * 1024 * 1024;

    // 0: not tried yet; 1: madvise(MADV_POPULATE_WRITE) works here; -1: it does not (another OS, an old kernel, no libc).
    private static int s_populate;

    /// <summary>Maps every page of <paramref name="zeroed"/>, whose bytes are all zero, without changing a byte.</summary>
    public static void Commit(Span<byte> zeroed) => Commit(zeroed, Current);

    /// <inheritdoc cref="Commit(Span{byte})"/>
    internal static unsafe void Commit(Span<byte> zeroed, Strategy strategy)
    {
        if (zeroed.IsEmpty || strategy == Strategy.Lazy)
        {
            return;
        }

        nuint start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(zeroed));
        nuint end = start + (nuint)zeroed.Length;
        nuint page = (nuint)Environment.SystemPageSize;
        if (strategy != Strategy.Touch)
        {
            // Whole pages only, so no advice reaches a byte of another object; the partial pages at either end are touched.
            nuint first = RoundUp(start, page), last = end & ~(page - 1);
            if (strategy == Strategy.HugePopulate && page == 4096)
            {
                nuint hugeFirst = RoundUp(start, HugePageBytes), hugeLast = end & ~(HugePageBytes - 1);
                if (hugeLast > hugeFirst)
                {
                    _ = TryAdvise(hugeFirst, hugeLast - hugeFirst, MadviseHugePage); // advice: nothing to do if refused
                }
            }

            if (last > first && TryPopulate(first, last - first))
            {
                Touch(zeroed[..(int)(first - start)], page);
                Touch(zeroed[(int)(last - start)..], page);
                return;
            }
        }

        Touch(zeroed, page);
    }

    /// <summary>Writes a zero to the first byte of <paramref name="zeroed"/> and to each page boundary in it.</summary>
    private static unsafe void Touch(Span<byte> zeroed, nuint page)
    {
        if (zeroed.IsEmpty)
        {
            return;
        }

        ref byte origin = ref MemoryMarshal.GetReference(zeroed);
        nuint start = (nuint)Unsafe.AsPointer(ref origin);
        Volatile.Write(ref origin, 0);
        for (nuint offset = RoundUp(start + 1, page) - start; offset < (nuint)zeroed.Length; offset += page)
        {
            Volatile.Write(ref Unsafe.Add(ref origin, offset), 0);
        }
    }

    private static bool TryPopulate(nuint address, nuint length)
    {
        if (Volatile.Read(ref s_populate) < 0)
        {
            return false;
        }

        bool populated = TryAdvise(address, length, MadvisePopulateWrite);
        if (Volatile.Read(ref s_populate) == 0)
        {
            // EINVAL on a kernel older than 5.14; anything else (EINTR, ENOMEM) falls back for this buffer only.
            Volatile.Write(ref s_populate, populated ? 1 : Marshal.GetLastPInvokeError() == EInval ? -1 : 0);
        }

        return populated;
    }

    private const int EInval = 22;

    private static bool TryAdvise(nuint address, nuint length, int advice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Madvise(address, length, advice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref s_populate, -1);
            return false;
        }
    }

    private static nuint RoundUp(nuint value, nuint multiple) => (value + multiple - 1) & ~(multiple - 1);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
