using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// What a rule writes its element update with: the vector type of the precision and shape, folded constants as
/// literals of that type, and the vector functions. The same rule text serves both precisions and both shapes: the
/// float kernel runs it on vectors of floats, the double kernel on each widened half.
/// </summary>
internal sealed class KernelBody
{
    public const string KernelMath = "global::Rlx.Optim.CompilerServices.KernelMath";

    public KernelBody(SourceWriter writer, OptimizerPrecision precision, VectorShape shape)
    {
        Writer = writer;
        Precision = precision;
        Shape = shape;
    }

    public SourceWriter Writer { get; }

    public OptimizerPrecision Precision { get; }

    public VectorShape Shape { get; }

    public bool IsDouble => Precision == OptimizerPrecision.Double;

    /// <summary>The vector type the update runs on.</summary>
    public string T => IsDouble ? Shape.Doubles : Shape.Floats;

    /// <summary>A folded constant: the declared double, rounded to float for the float kernels.</summary>
    public string C(double value) => Shape.Broadcast(IsDouble ? Literal.Double(value) : Literal.Float((float)value));

    public string Sqrt(string x) => Shape.Sqrt(x);

    /// <summary>The larger lane (IEEE 754 maximum: a NaN in either operand gives NaN, as <c>torch.maximum</c>).</summary>
    public string Max(string a, string b) => $"{Shape.Api}.Max({a}, {b})";

    public string Abs(string x) => $"{Shape.Api}.Abs({x})";

    public string Sign(string x) => $"{KernelMath}.Sign({x})";

    public void Line(string text) => Writer.WriteLine(text);
}
