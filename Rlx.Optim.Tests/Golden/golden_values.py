"""What every golden script shares: the SplitMix64 generator of the test values (the C# tests' SplitMix64.cs) and
float32 bit patterns, as the golden files store them."""
import struct

import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def fill(self, n, scale):
        out = np.empty(n, dtype=np.float32)
        s = np.float32(scale)
        for i in range(n):
            u = np.float32(self.next() >> 40) * np.float32(1.0 / 16777216.0)
            out[i] = (np.float32(2.0) * u - np.float32(1.0)) * s
        return out


def bits(values):
    """Every element's float32 bit pattern, in row-major order."""
    return [struct.unpack("<I", struct.pack("<f", float(v)))[0] for v in np.asarray(values, dtype=np.float32).reshape(-1)]


def f32(value):
    """The bit pattern of a float32 value, for specialGrads."""
    return struct.unpack("<I", struct.pack("<f", value))[0]
