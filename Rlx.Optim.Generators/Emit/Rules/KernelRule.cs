using System.Collections.Generic;
using Rlx.Optim.Generators.Helpers;
using Rlx.Optim.Generators.Model;

namespace Rlx.Optim.Generators.Emit.Rules;

/// <summary>
/// One algorithm's arithmetic: its state buffers, its per-step scalars and how <c>Prepare</c> computes them, and
/// the element update that turns a gradient <c>g</c> into the step <c>delta</c> (the kernel then writes
/// <c>θ − delta</c>). Everything around it — loading, the gradient's sign and L2 term, decoupled decay, widening,
/// the unrolled loop, storing — is <see cref="KernelEmitter"/>'s, the same for every algorithm.
/// </summary>
internal abstract class KernelRule
{
    /// <summary>The scalars struct's name, e.g. <c>AdamScalars</c>.</summary>
    public abstract string ScalarsType { get; }

    /// <summary>
    /// Whether <see cref="ScalarsType"/> is the runtime's (in <c>Rlx.Optim.CompilerServices</c>) rather than written
    /// into the optimizer's generated namespace: Adafactor's, whose passes the runtime writes.
    /// </summary>
    public virtual bool ScalarsInRuntime => false;

    /// <summary>The scalars type as the optimizer's class names it.</summary>
    public string QualifiedScalarsType =>
        ScalarsInRuntime ? "global::Rlx.Optim.CompilerServices." + ScalarsType : GeneratedNamespace.Alias + "." + ScalarsType;

    /// <summary>The state buffers, under PyTorch's names, in kernel order (at most three).</summary>
    public abstract IReadOnlyList<string> BufferNames(KernelSpec optimizer);

    /// <summary>
    /// What each buffer holds at creation and after <c>Reset</c>, in <see cref="BufferNames"/>' order; null: all 0.
    /// Only Adagrad's <c>sum</c> starts elsewhere (at its initial accumulator value).
    /// </summary>
    public virtual IReadOnlyList<double>? BufferInitialValues(KernelSpec optimizer) => null;

    /// <summary>The per-step scalars. They depend only on switches every kernel of the optimizer shares.</summary>
    public abstract IReadOnlyList<ScalarField> Fields(KernelSpec optimizer, OptimizerPrecision precision);

    /// <summary>
    /// Writes <c>Prepare</c>'s statements: from <c>double lr</c> and <c>long t</c> (the step, from 1), a double local
    /// named after each field's <see cref="ScalarField.Local"/>.
    /// </summary>
    public abstract void WritePrepare(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision);

    /// <summary>
    /// Writes the element update: reads <c>g</c> and the state locals (named after the buffers in camel case),
    /// assigns the new state, and declares <c>delta</c>.
    /// </summary>
    public abstract void WriteStep(KernelBody body, KernelSpec kernel);

    /// <summary>What the kernel folds, for its doc comment.</summary>
    public abstract string Describe(KernelSpec kernel);

    /// <summary>Extra static members of the kernel struct, written once, after <c>Prepare</c>.</summary>
    public virtual void WriteHelpers(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision)
    {
    }

    /// <summary>Extra vector functions of the kernel struct, written for each shape after its update.</summary>
    public virtual void WriteVectorHelpers(SourceWriter writer, KernelSpec kernel, OptimizerPrecision precision, VectorShape shape)
    {
    }

    /// <summary>
    /// Whether the update has a rare exact path (float Adam: moments with a lane below float's normal range are
    /// recomputed in double). Such a rule is written in three parts instead of <see cref="WriteStep"/>, so that
    /// <see cref="GroupedUpdate"/> can test four vectors at once and branch once for all of them.
    /// </summary>
    public virtual bool HasRareExactPath(OptimizerPrecision precision) => false;

    /// <summary>With a rare exact path: assigns the new <c>expAvg</c> and <c>expAvgSq</c> from <c>g</c> and their loaded values.</summary>
    public virtual void WriteNewMoments(KernelBody body, KernelSpec kernel)
    {
    }

    /// <summary>
    /// With a rare exact path: the rare vector's moments, from <c>g</c>, the new moments and the stored ones
    /// (<c>m0</c>, <c>v0</c>), recomputed exactly where a lane needs it.
    /// </summary>
    public virtual void WriteExactMoments(KernelBody body, KernelSpec kernel)
    {
    }

    /// <summary>With a rare exact path: the rest of the update, from the new moments (and any further state) to <c>delta</c>.</summary>
    public virtual void WriteDelta(KernelBody body, KernelSpec kernel)
    {
    }

    /// <summary>
    /// Whether the rule's fast path at <paramref name="shape"/> divides by a refined reciprocal
    /// (<c>KernelMath.Divide</c>) instead of the hardware divider. Its rare path then also takes the lanes whose
    /// moments are infinite (<c>KernelMath.IsRare</c>), and divides exactly in those lanes
    /// (<see cref="WriteRareDelta"/>), so each lane's arithmetic depends on that lane alone.
    /// </summary>
    public virtual bool DividesByReciprocal(KernelSpec kernel, OptimizerPrecision precision, VectorShape shape) => false;

    /// <summary>With <see cref="DividesByReciprocal"/>: <c>delta</c> on the rare path, exact in the rare lanes.</summary>
    public virtual void WriteRareDelta(KernelBody body, KernelSpec kernel)
    {
    }

    /// <summary>
    /// The seed's Adam adds λ·θ even when λ = 0, so a non-finite parameter makes its own moments NaN; only Adam
    /// keeps that (PyTorch's rules skip the term).
    /// </summary>
    public virtual bool AddsZeroDecayTerm => false;

    /// <summary>
    /// NAdam's momentum schedule needs the product of every μ so far: the optimizer keeps it per kernel, advances
    /// it at the end of each iteration and passes it to <c>Prepare</c>.
    /// </summary>
    public virtual bool KeepsScheduleProduct => false;

    /// <summary>
    /// Whether the step needs the set's norms first (LAMB's trust ratio): the kernel then implements the runtime's
    /// trust-ratio interfaces, its set in a plan measures before it updates, and every one-set call steps through
    /// that plan (<c>TrustRatioPlan</c>).
    /// </summary>
    public virtual bool MeasuresTrustRatio => false;

    /// <summary>
    /// Schedule-Free: the element update reads θ (<c>p</c>, widened in <c>Double</c> mode) and applies the weight decay
    /// itself, so the kernel adds no L2 term to the gradient.
    /// </summary>
    public virtual bool ReadsParameter => false;

    /// <summary>
    /// Schedule-Free's average: the optimizer keeps, per kernel, the largest learning rate so far and the sum of the
    /// steps' weights, passes them to <c>Prepare</c>, advances them at the end of each iteration (the kernel's
    /// <c>Advance</c>), and records them in checkpoints.
    /// </summary>
    public virtual bool KeepsAverageWeights => false;

    /// <summary>Schedule-Free: the user evaluates at x, which the optimizer recovers from θ and <c>z</c> (<see cref="EvaluationEmitter"/>).</summary>
    public virtual bool HasEvaluationParameters => false;

    /// <summary>The field holding 1 − lr·λ, for rules whose optimizer may decay the parameter.</summary>
    protected static readonly ScalarField DecayFactor = new(
        "DecayFactor", ScalarRole.Prologue, "1 − lr·λ: decoupled weight decay scales θ by this before the step.");

    /// <summary>The decay factor's statement for <see cref="WritePrepare"/>, when the optimizer decouples its decay.</summary>
    protected static void WriteDecayFactor(SourceWriter writer, KernelSpec kernel)
    {
        if (kernel.DecoupledWeightDecay)
        {
            writer.WriteLine($"double decayFactor = 1.0 - lr * {Literal.Double(kernel.WeightDecay)};");
        }
    }

    /// <summary>The fields every rule may add: the decay factor of decoupled decay.</summary>
    protected static IEnumerable<ScalarField> DecayFields(KernelSpec optimizer)
    {
        if (optimizer.DecoupledWeightDecay)
        {
            yield return DecayFactor;
        }
    }

    /// <summary><c>β^t</c> as Prepare writes it.</summary>
    internal static string Power(double beta) => $"Math.Pow({Literal.Double(beta)}, t)";

    protected static string Text(double value) => Literal.Number(value);

    /// <summary>The weight decay, as a doc comment says it.</summary>
    protected static string DescribeDecay(KernelSpec kernel) =>
        !kernel.Decays ? "no weight decay"
        : kernel.DecoupledWeightDecay ? $"decoupled weight decay λ = {Text(kernel.WeightDecay)}"
        : $"L2 weight decay λ = {Text(kernel.WeightDecay)}";

    /// <summary>
    /// The moment update Adam, NAdam and RAdam share: <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c>.
    /// </summary>
    /// <param name="body">Where to write.</param>
    /// <param name="kernel">The kernel's settings.</param>
    /// <param name="asStored">
    /// In <c>Double</c> mode, take the step with v as the float state will hold it: PyTorch's float rule, where a v
    /// that overflows float is ∞ and the element does not move. The seed's Adam keeps its finite double v instead.
    /// </param>
    protected static void WriteMoments(KernelBody body, KernelSpec kernel, bool asStored = true)
    {
        body.Line($"expAvg = {body.C("Beta1", kernel.Beta1)} * expAvg + {body.OneMinus("Beta1", kernel.Beta1)} * g;");
        body.Comment("(1 − β₂)·g is formed before g multiplies it again, so v overflows no earlier than it must.");
        body.Line($"expAvgSq = {body.C("Beta2", kernel.Beta2)} * expAvgSq + {body.OneMinus("Beta2", kernel.Beta2)} * g * g;");
        if (body.IsDouble && asStored)
        {
            body.Comment("As PyTorch's float state: a v beyond float's range is ∞ here, so that element does not move.");
            body.Line("expAvgSq = KernelMath.AsFloatRange(expAvgSq);");
        }
    }

    /// <summary>The rule for an optimizer kind.</summary>
    public static KernelRule For(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam => AdamRule.Classic,
        OptimizerKind.AdamW => AdamRule.Decoupled,
        OptimizerKind.NAdam => NAdamRule.Instance,
        OptimizerKind.RAdam => RAdamRule.Instance,
        OptimizerKind.Adamax => AdamaxRule.Instance,
        OptimizerKind.Lion => LionRule.Instance,
        OptimizerKind.Adagrad => AdagradRule.Instance,
        OptimizerKind.RMSprop => RMSpropRule.Instance,
        OptimizerKind.Adafactor => AdafactorRule.Instance,
        OptimizerKind.Lamb => LambRule.Instance,
        OptimizerKind.ScheduleFreeAdamW => ScheduleFreeRule.Instance,
        _ => SgdRule.Instance,
    };
}
