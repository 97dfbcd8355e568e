using System.Threading.Tasks;
using Rlx.Optim.CodeFixes;

namespace Rlx.Optim.Tests.CodeFixes;

/// <summary>RLXO0007: the return type, whatever it was, becomes <c>void</c>.</summary>
public sealed class ReturnVoidTests
{
    private const string Header = """
        using System;
        using Rlx.Optim;

        """;

    private static Task VerifyAsync(string source, string fixedSource) =>
        CodeFixTest<ReturnVoidCodeFix>.VerifyAsync(Header + source, Header + fixedSource, ReturnVoidCodeFix.EquivalenceKey, ["Return void"]);

    [Theory]
    [InlineData("int")]
    [InlineData("float[]")]
    [InlineData("System.Threading.Tasks.Task")]
    [InlineData("ref float")]
    [InlineData("Span<float>")]
    public Task Replaces_the_return_type(string returnType) => VerifyAsync(
        $$"""
        [AdamOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial {|RLXO0007:{{returnType}}|} StepW(Span<float> w, ReadOnlySpan<float> g);
        }
        """,
        """
        [AdamOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);
        }
        """);

    [Fact]
    public Task Fix_all_fixes_every_method() => VerifyAsync(
        """
        [RAdamOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial {|RLXO0007:int|} StepW(Span<float> w, ReadOnlySpan<float> g);

            [Parameter(4)]
            internal partial {|RLXO0007:bool|}
                StepB(Span<float> b, ReadOnlySpan<float> g);
        }
        """,
        """
        [RAdamOptimizer]
        public partial class Opt
        {
            [Parameter(4)] public partial void StepW(Span<float> w, ReadOnlySpan<float> g);

            [Parameter(4)]
            internal partial void
                StepB(Span<float> b, ReadOnlySpan<float> g);
        }
        """);
}
