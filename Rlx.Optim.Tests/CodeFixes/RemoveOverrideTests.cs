using System.Threading.Tasks;
using Rlx.Optim.CodeFixes;

namespace Rlx.Optim.Tests.CodeFixes;

/// <summary>RLXO0020: the argument goes, with its comma, wherever it stands in the list.</summary>
public sealed class RemoveOverrideTests
{
    private const string Header = """
        using System;
        using Rlx.Optim;

        """;

    private static string Declaration(string family, string arguments) => Header + $$"""
        [{{family}}]
        public partial class Opt
        {
            [Parameter{{arguments}}] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
        }
        """;

    [Theory]
    [InlineData("({|RLXO0020:Epsilon = 1e-6|}, Name = \"w\")", "(Name = \"w\")")]
    [InlineData("(4, {|RLXO0020:Epsilon = 1e-6|}, Name = \"w\")", "(4, Name = \"w\")")]
    [InlineData("(4, Name = \"w\", {|RLXO0020:Epsilon = 1e-6|})", "(4, Name = \"w\")")]
    [InlineData("(4, 4, {|RLXO0020:Epsilon = 1e-6|})", "(4, 4)")]
    [InlineData("({|RLXO0020:Epsilon = 1e-6|})", "")]
    [InlineData("(4, WeightDecay = 0, {|RLXO0020:Epsilon = 1e-6|}, Beta1 = 0.5)", "(4, WeightDecay = 0, Beta1 = 0.5)")]
    public Task Removes_the_argument_and_its_comma(string arguments, string fixedArguments) =>
        CodeFixTest<RemoveOverrideCodeFix>.VerifyAsync(
            Declaration("LionOptimizer", arguments),
            Declaration("LionOptimizer", fixedArguments),
            RemoveOverrideCodeFix.EquivalenceKey,
            ["Remove 'Epsilon'"]);

    [Fact]
    public Task Removes_an_argument_on_its_own_line() =>
        CodeFixTest<RemoveOverrideCodeFix>.VerifyAsync(
            Declaration("SgdOptimizer", """
                (
                        4,
                        {|RLXO0020:Beta2 = 0.9|},
                        WeightDecay = 0)
                """),
            Declaration("SgdOptimizer", """
                (
                        4,
                        WeightDecay = 0)
                """),
            RemoveOverrideCodeFix.EquivalenceKey,
            ["Remove 'Beta2'"]);

    [Fact]
    public Task One_fix_removes_only_its_own_argument() =>
        CodeFixTest<RemoveOverrideCodeFix>.VerifyOneAsync(
            Declaration("SgdOptimizer", "(4, {|RLXO0020:Beta1 = 0.5|}, {|RLXO0020:Beta2 = 0.9|}, {|RLXO0020:Epsilon = 1e-6|})"),
            Declaration("SgdOptimizer", "(4, {|RLXO0020:Beta2 = 0.9|}, {|RLXO0020:Epsilon = 1e-6|})"),
            RemoveOverrideCodeFix.EquivalenceKey,
            "Remove 'Beta1'");

    /// <summary>
    /// Neighbours share a comma, so removing them one by one from the same list would overlap: Fix All removes them
    /// all in one pass (the test asks for exactly one), across sets and optimizers.
    /// </summary>
    [Fact]
    public Task Fix_all_removes_neighbouring_arguments_in_one_pass() =>
        CodeFixTest<RemoveOverrideCodeFix>.VerifyAsync(
            Header + """
            [SgdOptimizer(Momentum = 0.9)]
            public partial class Opt
            {
                [Parameter(4, {|RLXO0020:Beta1 = 0.5|}, {|RLXO0020:Beta2 = 0.9|}, {|RLXO0020:Epsilon = 1e-6|})] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
                [Parameter(2, WeightDecay = 0, {|RLXO0020:Epsilon = 1e-6|})] public partial void StepB(Span<float> b, ReadOnlySpan<float> g);
            }

            [LionOptimizer]
            public partial class Other
            {
                [Parameter({|RLXO0020:Epsilon = 1e-6|}, Beta1 = 0.5)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
            }
            """,
            Header + """
            [SgdOptimizer(Momentum = 0.9)]
            public partial class Opt
            {
                [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
                [Parameter(2, WeightDecay = 0)] public partial void StepB(Span<float> b, ReadOnlySpan<float> g);
            }

            [LionOptimizer]
            public partial class Other
            {
                [Parameter(Beta1 = 0.5)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
            }
            """,
            RemoveOverrideCodeFix.EquivalenceKey,
            ["Remove 'Beta1'", "Remove 'Beta2'", "Remove 'Epsilon'"]);
}
