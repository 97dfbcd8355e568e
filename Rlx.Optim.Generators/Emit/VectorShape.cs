namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// The vector types a kernel body is written in. Every kernel is emitted twice, once per shape, each in a nested
/// struct of its own, and the runtime's driver picks one when the JIT compiles it: 512-bit vectors where the hardware runs
/// them at full speed, and <c>Vector&lt;T&gt;</c> (the platform's preferred width) everywhere else. Lane by lane the
/// arithmetic is the same, so both give the same bits, except where a rule says otherwise for 512 bits
/// (<see cref="Rules.KernelRule.DividesByReciprocal"/>: float Adam's fused moments and reciprocal division).
/// </summary>
/// <remarks>
/// The names are short because the generated kernels live in a namespace of the generator's own whose using
/// directives import <c>System.Numerics</c> and <c>System.Runtime.Intrinsics</c> (<see cref="GeneratedNamespace"/>).
/// </remarks>
internal sealed class VectorShape
{
    /// <summary><c>System.Numerics.Vector&lt;T&gt;</c>: 256 bits on most x64 machines, 128 on Arm.</summary>
    public static readonly VectorShape Preferred = new(
        "Vector<float>",
        "Vector<double>",
        "Vector",
        "SquareRoot",
        className: "Preferred",
        state: "PreferredState",
        summary: "The update over <see cref=\"Vector{T}\"/>, the platform's preferred width: where 512-bit vectors are not accelerated.");

    /// <summary><c>System.Runtime.Intrinsics.Vector512&lt;T&gt;</c>, used where <c>Vector512.IsHardwareAccelerated</c>.</summary>
    public static readonly VectorShape Wide = new(
        "Vector512<float>",
        "Vector512<double>",
        "Vector512",
        "Sqrt",
        className: "Wide",
        state: "WideState",
        summary: "The update over <see cref=\"Vector512{T}\"/>: where 512-bit vectors are accelerated.");

    private readonly string _sqrt;

    private VectorShape(string floats, string doubles, string api, string sqrt, string className, string state, string summary)
    {
        State = state;
        Floats = floats;
        Doubles = doubles;
        Api = api;
        _sqrt = sqrt;
        ClassName = className;
        Summary = summary;
    }

    /// <summary>The vector of floats, e.g. <c>Vector&lt;float&gt;</c>.</summary>
    public string Floats { get; }

    /// <summary>The vector of doubles, half as many lanes.</summary>
    public string Doubles { get; }

    /// <summary>The static class with the vector functions (load, store, widen, select…).</summary>
    public string Api { get; }

    /// <summary>The kernel's nested struct holding this shape's update phases, its helpers and its constants.</summary>
    public string ClassName { get; }

    /// <summary>The runtime's vector of every state buffer at this width (<c>WideState</c>).</summary>
    public string State { get; }

    /// <summary>The runtime interface the shape's struct implements for the driver: <c>IWideUpdate</c>.</summary>
    public string UpdateInterface => "I" + ClassName + "Update";

    /// <summary>The runtime interface of a trust-ratio rule's shape (LAMB): <c>IWideTrustRatioUpdate</c>.</summary>
    public string TrustRatioInterface => "I" + ClassName + "TrustRatioUpdate";

    /// <summary>That class's doc summary.</summary>
    public string Summary { get; }

    /// <summary>A vector with every lane <paramref name="value"/> (a float or double expression picks the type).</summary>
    public string Broadcast(string value) => $"{Api}.Create({value})";

    public string Sqrt(string x) => $"{Api}.{_sqrt}({x})";
}
