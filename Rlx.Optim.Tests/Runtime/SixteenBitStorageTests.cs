using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// <see cref="BFloat16Storage"/> and <see cref="HalfStorage"/> against the scalar definitions, at both widths: every
/// load widens exactly (as the scalar conversion does, NaN payloads included), and every store, single, pair or
/// <see cref="Vector{T}"/>, writes lane for lane the bits of the scalar stochastic rounding with that lane's random
/// word, and nothing outside its elements.
/// </summary>
/// <remarks>
/// The 512-bit members are called whatever the hardware: where <see cref="Vector512"/> is not accelerated (as with
/// <c>DOTNET_EnableAVX512=0</c>) they run emulated, without AVX-512BW, which tests their fallback paths. The
/// <see cref="Vector{T}"/> members run at this process's width (<c>DOTNET_MaxVectorTBitWidth</c> chooses 128, 256
/// or 512 bits).
/// </remarks>
public sealed class SixteenBitStorageTests
{
    private const int Pair = 32;
    private const int Wide = 16;

    /// <summary>Written around every store; a store that touches it wrote outside its elements.</summary>
    private const ushort Sentinel = 0xA5A5;

    [Fact]
    public void BFloat16_loads_widen_every_pattern_exactly() =>
        AssertLoadsWidenExactly<BFloat16, BFloat16Storage>(pattern => BitConverter.SingleToUInt32Bits(BFloat16.FromBits(pattern)));

    [Fact]
    public void Half_loads_widen_every_pattern_exactly() =>
        AssertLoadsWidenExactly<Half, HalfStorage>(pattern => BitConverter.SingleToUInt32Bits((float)BitConverter.UInt16BitsToHalf(pattern)));

    [Fact]
    public void Half_loads_give_every_special_pattern_as_documented()
    {
        // What (float)half gives, spelled out: NaNs quiet, with their sign and payload; subnormals and ∞ exact.
        (ushort Half, uint Float)[] cases =
        [
            (0x0000, 0x0000_0000), (0x8000, 0x8000_0000), (0x0001, 0x3380_0000), (0x83FF, 0xB87F_C000),
            (0x0400, 0x3880_0000), (0x7BFF, 0x477F_E000), (0x7C00, 0x7F80_0000), (0xFC00, 0xFF80_0000),
            (0x7C01, 0x7FC0_2000), (0x7E00, 0x7FC0_0000), (0xFDFF, 0xFFFF_E000), (0x7FFF, 0x7FFF_E000),
        ];
        ushort[] buffer = new ushort[Wide];
        foreach ((ushort half, uint expected) in cases)
        {
            Array.Fill(buffer, half);
            Vector512<float> wide = HalfStorage.Load(ref Element<Half>(buffer, 0), 0);
            Vector<float> preferred = HalfStorage.LoadPreferred(ref Element<Half>(buffer, 0), 0);
            Assert.Equal(expected, wide.AsUInt32()[0]);
            Assert.Equal(expected, Vector.AsVectorUInt32(preferred)[0]);
        }
    }

    [Fact]
    public void BFloat16_stores_round_lane_for_lane_as_the_scalar_rounding() =>
        AssertStoresRoundAsTheScalarRounding<BFloat16, BFloat16Storage>(
            seed: 101, (x, bits) => StochasticRounding.ToBFloat16(x, bits).Bits,
            pattern => BitConverter.SingleToUInt32Bits(BFloat16.FromBits(pattern)));

    [Fact]
    public void Half_stores_round_lane_for_lane_as_the_scalar_rounding() =>
        AssertStoresRoundAsTheScalarRounding<Half, HalfStorage>(
            seed: 102, (x, bits) => BitConverter.HalfToUInt16Bits(StochasticRounding.ToHalf(x, bits)),
            pattern => BitConverter.SingleToUInt32Bits((float)BitConverter.UInt16BitsToHalf(pattern)));

    [Fact]
    public void The_storages_round_stochastically() =>
        Assert.True(BFloat16Storage.RoundsStochastically && HalfStorage.RoundsStochastically);

    /// <summary>
    /// Every 16-bit pattern, at an aligned and an unaligned start: <c>Load</c>, <c>LoadPair</c> and
    /// <c>LoadPreferred</c> give the scalar widening's bits, and a pair is the two single loads.
    /// </summary>
    private static void AssertLoadsWidenExactly<T, TStorage>(Func<ushort, uint> widen)
        where T : unmanaged
        where TStorage : struct, IStorage<T>
    {
        int preferred = Vector<float>.Count;
        foreach (int offset in new[] { 0, 3 })
        {
            // Every pattern from element `offset` on (the ones before it come round again at the end).
            ushort[] buffer = new ushort[offset + 65_536 + Pair];
            for (int k = 0; k < buffer.Length; k++)
            {
                buffer[k] = (ushort)(k - offset);
            }

            ref T origin = ref Element<T>(buffer, 0);
            for (int i = offset; i + Pair <= buffer.Length; i += Pair)
            {
                TStorage.LoadPair(ref origin, (nuint)i, out Vector512<float> lower, out Vector512<float> upper);
                Vector512<float> first = TStorage.Load(ref origin, (nuint)i);
                Vector512<float> second = TStorage.Load(ref origin, (nuint)(i + Wide));
                for (int lane = 0; lane < Wide; lane++)
                {
                    Check(widen(buffer[i + lane]), first.AsUInt32()[lane], "Load", buffer[i + lane]);
                    Check(widen(buffer[i + Wide + lane]), second.AsUInt32()[lane], "Load", buffer[i + Wide + lane]);
                    Check(first.AsUInt32()[lane], lower.AsUInt32()[lane], "LoadPair's lower vector", buffer[i + lane]);
                    Check(second.AsUInt32()[lane], upper.AsUInt32()[lane], "LoadPair's upper vector", buffer[i + Wide + lane]);
                }

                for (int j = i; j < i + Pair; j += preferred)
                {
                    Vector<uint> lanes = Vector.AsVectorUInt32(TStorage.LoadPreferred(ref origin, (nuint)j));
                    for (int lane = 0; lane < preferred; lane++)
                    {
                        Check(widen(buffer[j + lane]), lanes[lane], "LoadPreferred", buffer[j + lane]);
                    }
                }
            }
        }

        static void Check(uint expected, uint actual, string what, ushort pattern)
        {
            if (expected != actual)
            {
                Assert.Fail($"{what} of 0x{pattern:X4}: expected 0x{expected:X8}, got 0x{actual:X8}");
            }
        }
    }

    /// <summary>
    /// Random floats (NaN payloads, ±∞, ±0, subnormals, the rounding boundaries, both types' largest finite values
    /// and what lies beyond them) with random words or words at a decision boundary, stored at random unaligned
    /// positions: two <c>Store</c>s, one <c>StorePair</c> and <c>StorePreferred</c> each write exactly the scalar
    /// rounding's bits and nothing around them, and loading them back gives their exact widening.
    /// </summary>
    private static void AssertStoresRoundAsTheScalarRounding<T, TStorage>(
        int seed, Func<float, uint, ushort> rounding, Func<ushort, uint> widen)
        where T : unmanaged
        where TStorage : struct, IStorage<T>
    {
        var random = new Random(seed);
        int preferred = Vector<float>.Count;
        float[] x = new float[Pair];
        uint[] words = new uint[Pair];
        ushort[] expected = new ushort[Pair];
        ushort[] buffer = new ushort[Pair + 16];
        for (int round = 0; round < 20_000; round++)
        {
            for (int k = 0; k < Pair; k++)
            {
                x[k] = StochasticRoundingTests.RandomFloat(random, (round * Pair) + k);
                words[k] = StochasticRoundingTests.RandomWord(random, x[k]);
                expected[k] = rounding(x[k], words[k]);
            }

            int at = random.Next(0, 8);
            ref T origin = ref Element<T>(buffer, 0);
            Vector512<float> lower = Vector512.Create<float>(x.AsSpan(0, Wide)), upper = Vector512.Create<float>(x.AsSpan(Wide));
            Vector512<uint> lowerBits = Vector512.Create<uint>(words.AsSpan(0, Wide)), upperBits = Vector512.Create<uint>(words.AsSpan(Wide));

            Array.Fill(buffer, Sentinel);
            TStorage.Store(lower, ref origin, (nuint)at, lowerBits);
            TStorage.Store(upper, ref origin, (nuint)(at + Wide), upperBits);
            AssertStored("Store", at);
            Vector512<float> lowerBack = TStorage.Load(ref origin, (nuint)at), upperBack = TStorage.Load(ref origin, (nuint)(at + Wide));
            for (int lane = 0; lane < Wide; lane++)
            {
                AssertWidened("Load(Store(x))", lane, lowerBack.AsUInt32()[lane]);
                AssertWidened("Load(Store(x))", Wide + lane, upperBack.AsUInt32()[lane]);
            }

            Array.Fill(buffer, Sentinel);
            TStorage.StorePair(lower, upper, ref origin, (nuint)at, lowerBits, upperBits);
            AssertStored("StorePair", at);

            Array.Fill(buffer, Sentinel);
            for (int j = 0; j < Pair; j += preferred)
            {
                TStorage.StorePreferred(
                    new Vector<float>(x.AsSpan(j, preferred)), ref origin, (nuint)(at + j), new Vector<uint>(words.AsSpan(j, preferred)));
            }

            AssertStored("StorePreferred", at);
            for (int j = 0; j < Pair; j += preferred)
            {
                Vector<uint> back = Vector.AsVectorUInt32(TStorage.LoadPreferred(ref origin, (nuint)(at + j)));
                for (int lane = 0; lane < preferred; lane++)
                {
                    AssertWidened("LoadPreferred(StorePreferred(x))", j + lane, back[lane]);
                }
            }
        }

        void AssertStored(string what, int at)
        {
            for (int k = 0; k < buffer.Length; k++)
            {
                int element = k - at;
                ushort wanted = element is >= 0 and < Pair ? expected[element] : Sentinel;
                if (buffer[k] != wanted)
                {
                    string where = element is >= 0 and < Pair
                        ? $"element {element}, x = {x[element]:R} (0x{BitConverter.SingleToUInt32Bits(x[element]):X8}), word 0x{words[element]:X8}"
                        : $"position {k}, outside the {Pair} elements stored from {at}";
                    Assert.Fail($"{what}, {where}: expected 0x{wanted:X4}, got 0x{buffer[k]:X4}");
                }
            }
        }

        void AssertWidened(string what, int element, uint actual)
        {
            uint wanted = widen(expected[element]);
            if (actual != wanted)
            {
                Assert.Fail($"{what}, element {element}, x = {x[element]:R}: expected 0x{wanted:X8}, got 0x{actual:X8}");
            }
        }
    }

    private static ref T Element<T>(ushort[] buffer, int index)
        where T : unmanaged =>
        ref Unsafe.As<ushort, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), index));
}
