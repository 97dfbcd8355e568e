using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// What a rule writes its element update with: the vector type of the precision, folded constants as literals of
/// that type, and the vector functions. The same rule text serves both precisions: the float kernel runs it on
/// <c>Vector&lt;float&gt;</c>, the double kernel on each widened half.
/// </summary>
internal sealed class KernelBody
{
    public const string VectorF = "global::System.Numerics.Vector<float>";
    public const string VectorD = "global::System.Numerics.Vector<double>";
    public const string Vector = "global::System.Numerics.Vector";
    public const string KernelMath = "global::Rlx.Optim.KernelMath";

    public KernelBody(SourceWriter writer, OptimizerPrecision precision)
    {
        Writer = writer;
        Precision = precision;
    }

    public SourceWriter Writer { get; }

    public OptimizerPrecision Precision { get; }

    public bool IsDouble => Precision == OptimizerPrecision.Double;

    /// <summary>The vector type the update runs on.</summary>
    public string T => IsDouble ? VectorD : VectorF;

    /// <summary>A folded constant: the declared double, rounded to float for the float kernels.</summary>
    public string C(double value) => IsDouble ? $"new {VectorD}({Literal.Double(value)})" : $"new {VectorF}({Literal.Float((float)value)})";

    public string Sqrt(string x) => $"{Vector}.SquareRoot({x})";

    /// <summary>The larger lane (IEEE 754 maximum: a NaN in either operand gives NaN, as <c>torch.maximum</c>).</summary>
    public string Max(string a, string b) => $"{Vector}.Max({a}, {b})";

    public string Abs(string x) => $"{Vector}.Abs({x})";

    public string Sign(string x) => $"{KernelMath}.Sign({x})";

    public void Line(string text) => Writer.WriteLine(text);
}
