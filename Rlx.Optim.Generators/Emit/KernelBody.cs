using Rlx.Optim.Generators.Helpers;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// What a rule writes its element update with: the vector type of the precision and shape, folded constants by
/// name (declared once per shape, <see cref="VectorConstants"/>), and the vector functions. The same rule text serves
/// both precisions and both shapes: the float kernel runs it on vectors of floats, the double kernel on each widened
/// half.
/// </summary>
internal sealed class KernelBody
{
    public KernelBody(SourceWriter writer, OptimizerPrecision precision, VectorShape shape, VectorConstants constants)
    {
        Writer = writer;
        Precision = precision;
        Shape = shape;
        Constants = constants;
    }

    public SourceWriter Writer { get; }

    public OptimizerPrecision Precision { get; }

    public VectorShape Shape { get; }

    public VectorConstants Constants { get; }

    public bool IsDouble => Precision == OptimizerPrecision.Double;

    /// <summary>The vector type the update runs on.</summary>
    public string T => IsDouble ? Shape.Doubles : Shape.Floats;

    /// <summary>A folded constant named <paramref name="name"/>: the declared double, rounded to float for the float kernels.</summary>
    public string C(string name, double value, string? note = null) =>
        IsDouble ? Constants.Double(name, value, note) : Constants.Float(name, value, note);

    /// <summary>
    /// <c>OneMinus{name}</c>, 1 − <paramref name="value"/> computed in double (then rounded to float for the float
    /// kernels), noted with the declared value it comes from.
    /// </summary>
    public string OneMinus(string name, double value) => C("OneMinus" + name, 1.0 - value, $"1 − {Literal.Number(value)}");

    public string Sqrt(string x) => Shape.Sqrt(x);

    /// <summary>The larger lane (IEEE 754 maximum: a NaN in either operand gives NaN, as <c>torch.maximum</c>).</summary>
    public string Max(string a, string b) => $"{Shape.Api}.Max({a}, {b})";

    public string Abs(string x) => $"{Shape.Api}.Abs({x})";

    public string Sign(string x) => $"KernelMath.Sign({x})";

    public void Line(string text) => Writer.WriteLine(text);

    /// <summary>A <c>//</c> comment, broken between words where it would be too long.</summary>
    public void Comment(string text) => Writer.WriteComment(text);
}
