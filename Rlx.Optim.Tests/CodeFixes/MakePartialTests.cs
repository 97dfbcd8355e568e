using System.Threading.Tasks;
using Rlx.Optim.CodeFixes;

namespace Rlx.Optim.Tests.CodeFixes;

/// <summary>RLXO0001: the class gets <c>partial</c>, after its other modifiers.</summary>
public sealed class MakePartialTests
{
    private static Task VerifyAsync(string source, string fixedSource, params string[] titles) =>
        CodeFixTest<MakePartialCodeFix>.VerifyAsync(source, fixedSource, MakePartialCodeFix.EquivalenceKey, titles.Length == 0 ? ["Make 'Opt' partial"] : titles);

    [Fact]
    public Task Adds_partial_after_the_accessibility() => VerifyAsync(
        """
        using Rlx.Optim;

        [AdamOptimizer] public class {|RLXO0001:Opt|} { }
        """,
        """
        using Rlx.Optim;

        [AdamOptimizer] public partial class Opt { }
        """);

    [Fact]
    public Task Adds_partial_last_among_several_modifiers_and_the_methods_then_compile() => VerifyAsync(
        """
        using System;
        using Rlx.Optim;

        [AdamOptimizer(Beta1 = 0.9)]
        internal sealed class {|RLXO0001:Opt|}
        {
            [Parameter(784, 128)] public partial void {|CS0751:StepW1|}(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """,
        """
        using System;
        using Rlx.Optim;

        [AdamOptimizer(Beta1 = 0.9)]
        internal sealed partial class Opt
        {
            [Parameter(784, 128)] public partial void StepW1(Span<float> weights, ReadOnlySpan<float> gradient);
        }
        """);

    [Fact]
    public Task Without_modifiers_partial_takes_the_keyword_s_place_and_indentation() => VerifyAsync(
        """
        using Rlx.Optim;

        namespace Demo;

        public partial class Outer
        {
            /// <summary>Nested.</summary>
            [SgdOptimizer]
            class {|RLXO0001:Inner|}
            {
            }
        }
        """,
        """
        using Rlx.Optim;

        namespace Demo;

        public partial class Outer
        {
            /// <summary>Nested.</summary>
            [SgdOptimizer]
            partial class Inner
            {
            }
        }
        """,
        "Make 'Inner' partial");

    [Fact]
    public Task Fixes_only_the_declaration_that_lacks_it() => new CodeFixTest<MakePartialCodeFix>
    {
        TestState =
        {
            Sources =
            {
                "[Rlx.Optim.LionOptimizer] public partial class Opt { }",
                "public class {|CS0260:{|RLXO0001:Opt|}|} { }",
            },
        },
        FixedState =
        {
            Sources =
            {
                "[Rlx.Optim.LionOptimizer] public partial class Opt { }",
                "public partial class Opt { }",
            },
        },
        CodeActionEquivalenceKey = MakePartialCodeFix.EquivalenceKey,
    }.RunAsync();

    [Fact]
    public Task Fix_all_makes_every_optimizer_partial() => VerifyAsync(
        """
        using Rlx.Optim;

        [AdamOptimizer] public class {|RLXO0001:Opt|} { }
        [LionOptimizer] public static class {|RLXO0001:{|RLXO0013:Other|}|} { }
        """,
        """
        using Rlx.Optim;

        [AdamOptimizer] public partial class Opt { }
        [LionOptimizer] public static partial class {|RLXO0013:Other|} { }
        """,
        "Make 'Opt' partial",
        "Make 'Other' partial");
}
