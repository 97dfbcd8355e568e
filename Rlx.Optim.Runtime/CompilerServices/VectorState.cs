using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Rlx.Optim.CompilerServices;

/// <summary>
/// One vector's worth of every state buffer of a rule, as float lanes: up to <see cref="Capacity"/> buffers. A rule
/// with fewer leaves the rest alone, and the JIT drops them (the driver reads the rule's <c>StateCount</c>, a
/// constant to it).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct WideState
{
    /// <summary>The most state buffers a rule may have.</summary>
    public const int Capacity = 4;

    /// <summary>State buffer 0's lanes.</summary>
    public Vector512<float> S0;
    /// <summary>State buffer 1's lanes.</summary>
    public Vector512<float> S1;
    /// <summary>State buffer 2's lanes.</summary>
    public Vector512<float> S2;
    /// <summary>State buffer 3's lanes.</summary>
    public Vector512<float> S3;
}

/// <inheritdoc cref="WideState"/>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct PreferredState
{
    /// <summary>State buffer 0's lanes.</summary>
    public Vector<float> S0;
    /// <summary>State buffer 1's lanes.</summary>
    public Vector<float> S1;
    /// <summary>State buffer 2's lanes.</summary>
    public Vector<float> S2;
    /// <summary>State buffer 3's lanes.</summary>
    public Vector<float> S3;
}
