using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// Moves 16-bit elements between memory and 32-bit lanes for the 16-bit storages (<see cref="BFloat16Storage"/>,
/// <see cref="HalfStorage"/>): zero-extended on load, the low half of each lane on store. What the lanes mean is the
/// storage's business.
/// </summary>
internal static class SixteenBitLanes
{
    /// <summary>Elements <c>[i, i + 16)</c>, each zero-extended into its lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Load(ref ushort origin, nuint i)
    {
        Vector256<ushort> bits = Vector256.LoadUnsafe(ref origin, i);
        return Avx512F.IsSupported
            ? Avx512F.ConvertToVector512UInt32(bits)
            : Vector512.WidenLower(bits.ToVector512Unsafe());
    }

    /// <summary>The low half of each lane (the high halves must be zero) to elements <c>[i, i + 16)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<uint> lanes, ref ushort origin, nuint i)
    {
        Vector256<ushort> narrow = Avx512F.IsSupported
            ? Avx512F.ConvertToVector256UInt16(lanes)
            : Vector512.Narrow(lanes, lanes).GetLower();
        narrow.StoreUnsafe(ref origin, i);
    }

    /// <summary>
    /// Elements <c>[i, i + Vector&lt;float&gt;.Count)</c>, each zero-extended into its lane, for a
    /// <see cref="Vector{T}"/> of 4, 8 or 16 floats (a constant to the JIT, so only one branch is compiled).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException"><see cref="Vector{T}"/> holds another number of floats.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> LoadPreferred(ref ushort origin, nuint i)
    {
        if (Vector<uint>.Count == 16)
        {
            return Load(ref origin, i).AsVector();
        }

        if (Vector<uint>.Count == 8)
        {
            return Vector256.WidenLower(Vector128.LoadUnsafe(ref origin, i).ToVector256Unsafe()).AsVector();
        }

        if (Vector<uint>.Count == 4)
        {
            // Four elements are 64 bits: one scalar load into the low half of a 128-bit vector.
            ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref origin, i)));
            return Vector128.WidenLower(Vector128.CreateScalarUnsafe(four).AsUInt16()).AsVector();
        }

        throw UnsupportedWidth();
    }

    /// <summary>
    /// The low half of each lane (the high halves must be zero) to elements
    /// <c>[i, i + Vector&lt;float&gt;.Count)</c>, for a <see cref="Vector{T}"/> of 4, 8 or 16 floats.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException"><see cref="Vector{T}"/> holds another number of floats.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePreferred(Vector<uint> lanes, ref ushort origin, nuint i)
    {
        if (Vector<uint>.Count == 16)
        {
            Store(lanes.AsVector512(), ref origin, i);
            return;
        }

        if (Vector<uint>.Count == 8)
        {
            Vector256<uint> wide = lanes.AsVector256();
            if (Sse41.IsSupported)
            {
                // The lanes are at most 0xFFFF, so a saturating pack of the two halves is exact: two instructions,
                // where Narrow masks each lane, packs and permutes.
                Sse41.PackUnsignedSaturate(wide.GetLower().AsInt32(), wide.GetUpper().AsInt32()).StoreUnsafe(ref origin, i);
                return;
            }

            Vector256.Narrow(wide, wide).GetLower().StoreUnsafe(ref origin, i);
            return;
        }

        if (Vector<uint>.Count == 4)
        {
            Vector128<uint> wide = lanes.AsVector128();
            ulong four = Vector128.Narrow(wide, wide).AsUInt64().ToScalar();
            Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref origin, i)), four);
            return;
        }

        throw UnsupportedWidth();
    }

    private static PlatformNotSupportedException UnsupportedWidth() => new(
        $"A Vector<float> holds {Vector<float>.Count} floats here; Rlx.Optim's 16-bit storages support 4, 8 or 16.");
}
