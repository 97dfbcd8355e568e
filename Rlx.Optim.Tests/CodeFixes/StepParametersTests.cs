using System.Threading.Tasks;
using Rlx.Optim.CodeFixes;

namespace Rlx.Optim.Tests.CodeFixes;

/// <summary>RLXO0008: the list becomes <c>(Span&lt;float&gt; parameter, ReadOnlySpan&lt;float&gt; gradient)</c>, keeping two names.</summary>
public sealed class StepParametersTests
{
    private const string Header = """
        using System;
        using Rlx.Optim;

        """;

    private static Task VerifyAsync(string parameters, string fixedParameters, string title, string header = Header) =>
        CodeFixTest<StepParametersCodeFix>.VerifyAsync(
            header + Declaration(parameters),
            header + Declaration(fixedParameters),
            StepParametersCodeFix.EquivalenceKey,
            [title]);

    private static string Declaration(string parameters) => $$"""
        [AdamOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial void StepW{{parameters}};
        }
        """;

    [Theory]
    [InlineData("()")]
    [InlineData("(Span<float> w)")]
    [InlineData("(ReadOnlySpan<float> gradient)")]
    [InlineData("(Span<float> w, ReadOnlySpan<float> g, float scale)")]
    [InlineData("(Span<float> w, ReadOnlySpan<float> g, params float[] more)")]
    public Task Without_two_parameters_uses_the_default_names(string parameters) => VerifyAsync(
        "{|RLXO0008:" + parameters + "|}",
        "(Span<float> parameter, ReadOnlySpan<float> gradient)",
        "Take (Span<float> parameter, ReadOnlySpan<float> gradient)");

    [Theory]
    [InlineData("(Span<double> w, ReadOnlySpan<float> g)")]
    [InlineData("(ReadOnlySpan<float> w, Span<float> g)")]
    [InlineData("(float[] w, float[] g)")]
    [InlineData("(ref Span<float> w, scoped ReadOnlySpan<float> g)")]
    [InlineData("(Span<float> w, in ReadOnlySpan<float> g)")]
    [InlineData("(Span<float> w, params ReadOnlySpan<float> g)")]
    public Task With_two_parameters_keeps_their_names(string parameters) => VerifyAsync(
        "{|RLXO0008:" + parameters + "|}",
        "(Span<float> w, ReadOnlySpan<float> g)",
        "Take (Span<float> w, ReadOnlySpan<float> g)");

    [Fact]
    public Task Keeps_a_verbatim_name_verbatim() => VerifyAsync(
        "{|RLXO0008:(Span<double> @in, ReadOnlySpan<double> @out)|}",
        "(Span<float> @in, ReadOnlySpan<float> @out)",
        "Take (Span<float> @in, ReadOnlySpan<float> @out)");

    [Fact]
    public Task Qualifies_the_types_where_System_is_not_imported() => VerifyAsync(
        "{|RLXO0008:(System.Span<float> w)|}",
        "(System.Span<float> parameter, System.ReadOnlySpan<float> gradient)",
        "Take (Span<float> parameter, ReadOnlySpan<float> gradient)",
        header: "using Rlx.Optim;\n\n");

    [Fact]
    public Task Does_not_bind_to_a_span_of_the_user_s() => VerifyAsync(
        "{|RLXO0008:(Span<float> w)|}",
        "(System.Span<float> parameter, System.ReadOnlySpan<float> gradient)",
        "Take (Span<float> parameter, ReadOnlySpan<float> gradient)",
        header: "using Rlx.Optim;\n\npublic class Span<T> { }\n\n");

    [Fact]
    public Task Fix_all_fixes_every_method() => CodeFixTest<StepParametersCodeFix>.VerifyAsync(
        Header + """
        [LionOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial void StepW{|RLXO0008:(Span<float> w)|};
            [Parameter(2, 2)]
            private partial void StepB{|RLXO0008:(
                Span<double> b,
                ReadOnlySpan<double> g)|};
        }
        """,
        Header + """
        [LionOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial void StepW(Span<float> parameter, ReadOnlySpan<float> gradient);
            [Parameter(2, 2)]
            private partial void StepB(Span<float> b, ReadOnlySpan<float> g);
        }
        """,
        StepParametersCodeFix.EquivalenceKey,
        ["Take (Span<float> parameter, ReadOnlySpan<float> gradient)", "Take (Span<float> b, ReadOnlySpan<float> g)"]);
}
