using Rlx.Optim.CompilerServices;

namespace Rlx.Optim.Tests.SixteenBit;

/// <summary>
/// The documented rounding of bfloat16 state, written out in scalar code: buffers 2k and 2k + 1 of a set share one
/// 32-bit word per element, drawn under buffer 2k's key (streams 5·set + 1 and + 3); the even buffer rounds with its
/// high half, the odd one with its low half shifted up.
/// </summary>
internal static class StateRounding
{
    public static BFloat16 Expected(float value, RoundingKeys keys, int buffer, int index)
    {
        ulong key = buffer < 2 ? keys.State0 : keys.State2;
        uint word = StochasticRounding.RandomBits(key, index);
        return StochasticRounding.ToBFloat16(value, buffer % 2 == 0 ? word : word << 16);
    }
}
