namespace Rlx.Optim.Tests.Golden;

/// <summary>The generator the golden vectors were drawn with (Golden/README.md, step 2).</summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    public ulong Next()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A float uniform in [-scale, scale), computed in float exactly as the golden files were.</summary>
    public float Draw(float scale)
    {
        float u = (float)(Next() >> 40) * (1f / 16777216f);
        return ((2f * u) - 1f) * scale;
    }

    public void Fill(float[] destination, float scale)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Draw(scale);
        }
    }
}
