using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// The benchmark's tensors, each pinned and starting 768 bytes further into a 4 KB page than the one before
/// (θ at 0, g at 768, m at 1,536, v at 2,304, the scratch at 3,072), so that no stream is stored within 384 bytes
/// ahead of another's loads (4K aliasing: README, "State placement"). Arrays from <c>new float[]</c> start wherever
/// the allocator puts them, and an unlucky layout would measure the addresses, not the kernels; the generated
/// optimizers place their own state, the baselines get these.
/// </summary>
internal static class PlacedStreams
{
    private const int PageBytes = 4096;
    private const int SpacingBytes = 768;

    public const int Parameter = 0, Gradient = 1, FirstMoment = 2, SecondMoment = 3, Scratch = 4;

    /// <summary>A zeroed tensor of <paramref name="length"/> floats starting at stream <paramref name="stream"/>'s offset in its page.</summary>
    public static ArraySegment<float> Zeroed(int stream, int length) => ZeroedAt(stream * SpacingBytes % PageBytes, length);

    /// <summary>
    /// A zeroed, pinned tensor of <paramref name="length"/> floats starting <paramref name="pageOffset"/> bytes into a
    /// page (a multiple of 4): to place a buffer where another one starts (<see cref="PageOffset"/>).
    /// </summary>
    public static ArraySegment<float> ZeroedAt(int pageOffset, int length)
    {
        float[] storage = GC.AllocateArray<float>(length + PageBytes / sizeof(float), pinned: true);
        nuint address = (nuint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetArrayDataReference(storage));
        int skip = (int)(((nuint)pageOffset + PageBytes - address % PageBytes) % PageBytes / sizeof(float));
        return new ArraySegment<float>(storage, skip, length);
    }

    /// <summary>How many bytes into its 4 KB page <paramref name="values"/> starts.</summary>
    public static int PageOffset(ReadOnlySpan<float> values) =>
        (int)((nuint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(values)) % PageBytes);

    /// <summary>The same, filled with uniform values in [-1, 1).</summary>
    public static ArraySegment<float> Filled(int stream, Random random, int length)
    {
        ArraySegment<float> values = Zeroed(stream, length);
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
