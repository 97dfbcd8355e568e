namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The vector types a kernel body is written in. Every kernel is emitted twice, once per shape, and the runtime
/// picks one when the JIT compiles it: 512-bit vectors where the hardware runs them at full speed, and
/// <c>Vector&lt;T&gt;</c> (the platform's preferred width) everywhere else. Lane by lane the arithmetic is the same,
/// so both give the same bits, except where a rule says otherwise for 512 bits
/// (<see cref="Rules.KernelRule.DividesByReciprocal"/>: float Adam's fused moments and reciprocal division).
/// </summary>
internal sealed class VectorShape
{
    /// <summary><c>System.Numerics.Vector&lt;T&gt;</c>: 256 bits on most x64 machines, 128 on Arm.</summary>
    public static readonly VectorShape Preferred = new(
        "global::System.Numerics.Vector<float>",
        "global::System.Numerics.Vector<double>",
        "global::System.Numerics.Vector",
        "SquareRoot",
        loopName: "UpdatePreferred");

    /// <summary><c>System.Runtime.Intrinsics.Vector512&lt;T&gt;</c>, used where <c>Vector512.IsHardwareAccelerated</c>.</summary>
    public static readonly VectorShape Wide = new(
        "global::System.Runtime.Intrinsics.Vector512<float>",
        "global::System.Runtime.Intrinsics.Vector512<double>",
        "global::System.Runtime.Intrinsics.Vector512",
        "Sqrt",
        loopName: "Update512");

    private readonly string _sqrt;

    private VectorShape(string floats, string doubles, string api, string sqrt, string loopName)
    {
        Floats = floats;
        Doubles = doubles;
        Api = api;
        _sqrt = sqrt;
        LoopName = loopName;
    }

    /// <summary>The vector of floats, e.g. <c>Vector&lt;float&gt;</c>.</summary>
    public string Floats { get; }

    /// <summary>The vector of doubles, half as many lanes.</summary>
    public string Doubles { get; }

    /// <summary>The static class with the vector functions (load, store, widen, select…).</summary>
    public string Api { get; }

    /// <summary>The kernel's loop over whole vectors of this shape.</summary>
    public string LoopName { get; }

    /// <summary>A vector with every lane <paramref name="value"/> (a float or double expression picks the type).</summary>
    public string Broadcast(string value) => $"{Api}.Create({value})";

    public string Sqrt(string x) => $"{Api}.{_sqrt}({x})";
}
