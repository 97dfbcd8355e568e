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
/// them), so each page is mapped on its first access. Left to the first step, that access is the kernel's load of m
/// and v: the load maps the shared zero page, and the store after it faults again to replace it with a page of its
/// own. Two faults per page: GPT-2 small's 1 GB of float state took 487,000 in its first step, against 243,000 when
/// each page is written first (benchmarks, <c>--first-step</c>).
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
    }

    /// <summary>The strategy of buffers created from now on (a process-wide setting for tests and benchmarks).</summary>
    internal static Strategy Current { get; set; } = Strategy.Populate;

    private const int MadvisePopulateWrite = 23;
    private const int EInval = 22;

    // -1 once madvise(MADV_POPULATE_WRITE) is known not to work here (another OS, a kernel before 5.14, no libc).
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
        if (strategy == Strategy.Populate)
        {
            // Whole pages only, so no advice reaches a byte of another object; the partial pages at either end are touched.
            nuint first = RoundUp(start, page), last = end & ~(page - 1);
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

        if (!OperatingSystem.IsLinux())
        {
            Volatile.Write(ref s_populate, -1);
            return false;
        }

        bool populated;
        try
        {
            populated = Madvise(address, length, MadvisePopulateWrite) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref s_populate, -1);
            return false;
        }

        if (!populated && Marshal.GetLastPInvokeError() == EInval)
        {
            // A kernel older than 5.14 does not know the advice; anything else (EINTR, ENOMEM) falls back for this buffer only.
            Volatile.Write(ref s_populate, -1);
        }

        return populated;
    }

    private static nuint RoundUp(nuint value, nuint multiple) => (value + multiple - 1) & ~(multiple - 1);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
