using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// The documented rounding of bfloat16 state, written out in scalar code: buffers 2k and 2k + 1 of a set share one
/// 32-bit word per element, drawn under buffer 2k's key (streams 5·set + 1 and + 3); the even buffer rounds with its
/// high half, the odd one with its low half shifted up. Adafactor's buffers (<see cref="OwnStream"/>) differ in length,
/// so each draws its own word under its own key.
/// </summary>
internal static class StateRounding
{
    public static BFloat16 Expected(float value, RoundingKeys keys, int buffer, int index)
    {
        ulong key = buffer < 2 ? keys.State0 : keys.State2;
        uint word = StochasticRounding.RandomBits(key, index);
        return StochasticRounding.ToBFloat16(value, buffer % 2 == 0 ? word : word << 16);
    }

    /// <summary>Adafactor's: buffer k of a set (row_var, col_var; or variance) under key State k, the high half of its word.</summary>
    public static BFloat16 OwnStream(float value, RoundingKeys keys, int buffer, int index) =>
        StochasticRounding.ToBFloat16(value, StochasticRounding.RandomBits(buffer == 0 ? keys.State0 : keys.State1, index));
}
