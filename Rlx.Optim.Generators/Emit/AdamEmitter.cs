using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit;

/// <summary>
/// Writes Adam's arithmetic: the per-step scalars (computed once per call) and one kernel per distinct set of
/// hyperparameters, every one of them a literal. The float kernel computes
/// <c>θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)</c>; the double kernel follows the seed's order exactly.
/// </summary>
internal static partial class AdamEmitter
{
    /// <summary>Vectors per iteration of the main loop.</summary>
    private const int Unroll = 4;

    private const string VectorF = "global::System.Numerics.Vector<float>";
    private const string VectorD = "global::System.Numerics.Vector<double>";
    private const string Vector = "global::System.Numerics.Vector";
    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
    private const string NoInline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    public const string ScalarsType = "AdamScalars";

    /// <summary>The optimizer's kind, as checkpoints record it.</summary>
    public const string Kind = "adam";

    /// <summary>Adam's state tensors, under PyTorch's names, in kernel order.</summary>
    public static readonly string[] BufferNames = { "exp_avg", "exp_avg_sq" };

    /// <summary>The state spans passed to <c>UpdateKernels</c>: both moments, and no third buffer.</summary>
    public const string StateArguments = "state.Buffer(0), state.Buffer(1), default";

    /// <summary>The expression that computes a set's per-step scalars from the run-time learning rate and step.</summary>
    public static string NewScalars(OptimizerPrecision precision, AdamKernelSpec kernel) =>
        $"new {ScalarsType}(__learningRate, __stepCount + 1, {Literal.Double(Beta(precision, kernel.Beta1))}, {Literal.Double(Beta(precision, kernel.Beta2))})";

    public static void WriteScalars(SourceWriter writer, OptimizerPrecision precision)
    {
        if (precision == OptimizerPrecision.Double)
        {
            WriteDoubleScalars(writer);
        }
        else
        {
            WriteSingleScalars(writer);
        }
    }

    public static void WriteKernel(SourceWriter writer, OptimizerPrecision precision, AdamKernelSpec kernel, string name)
    {
        if (precision == OptimizerPrecision.Double)
        {
            WriteDoubleKernel(writer, kernel, name);
        }
        else
        {
            WriteSingleKernel(writer, kernel, name);
        }
    }

    /// <summary>
    /// β as the bias correction sees it. The seed stores hyperparameters as <c>f32</c> and widens them, so the
    /// exact mode rounds to float first; the float mode keeps the declared double.
    /// </summary>
    private static double Beta(OptimizerPrecision precision, double beta) =>
        precision == OptimizerPrecision.Double ? (float)beta : beta;

    private static string Describe(AdamKernelSpec kernel) =>
        $"β₁ = {AsText(kernel.Beta1)}, β₂ = {AsText(kernel.Beta2)}, ε = {AsText(kernel.Epsilon)}, " +
        (kernel.WeightDecay == 0 ? "no weight decay" : $"L2 weight decay λ = {AsText(kernel.WeightDecay)}");

    private static string AsText(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The loop shared by both precisions: unrolled vectors, single vectors, then scalars for the tail.</summary>
    private static void WriteLoop(SourceWriter writer, string vectorArguments, string scalarArguments)
    {
        writer.WriteLine($"nuint width = (nuint){VectorF}.Count;");
        writer.WriteLine("nuint i = start;");
        writer.WriteLine();
        writer.WriteLine("// The update is not idempotent, so no element is visited twice: whole vectors, then single elements.");
        using (writer.Block($"for (; end - i >= {Unroll} * width; i += {Unroll} * width)"))
        {
            for (int k = 0; k < Unroll; k++)
            {
                string offset = k == 0 ? "i" : k == 1 ? "i + width" : $"i + {k} * width";
                writer.WriteLine($"UpdateVector(ref parameter, ref gradient, ref expAvg, ref expAvgSq, {offset}, {vectorArguments});");
            }
        }

        writer.WriteLine();
        using (writer.Block("for (; end - i >= width; i += width)"))
        {
            writer.WriteLine($"UpdateVector(ref parameter, ref gradient, ref expAvg, ref expAvgSq, i, {vectorArguments});");
        }

        writer.WriteLine();
        using (writer.Block("for (; i < end; i++)"))
        {
            writer.WriteLine("UpdateScalar(");
            writer.WriteLine($"    ref {Unsafe}.Add(ref parameter, i),");
            writer.WriteLine($"    {Unsafe}.Add(ref gradient, i),");
            writer.WriteLine($"    ref {Unsafe}.Add(ref expAvg, i),");
            writer.WriteLine($"    ref {Unsafe}.Add(ref expAvgSq, i),");
            writer.WriteLine($"    {scalarArguments});");
        }
    }
}
