using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace HostileNames
{
    // Types named like everything the generated code refers to, in the optimizers' own namespace: none may change
    // what the generated code binds to (it would fail to compile, or worse, compile against these).
    public sealed class System { }
    public sealed class Math { }
    public sealed class MathF { }
    public sealed class Vector { }
    public sealed class Vector<T> { }
    public sealed class Vector512 { }
    public sealed class Vector512<T> { }
    public sealed class Unsafe { }
    public sealed class Span<T> { }
    public sealed class ReadOnlySpan<T> { }
    public sealed class Array { }
    public sealed class Rlx { }
    public sealed class Generated { }
    public sealed class CompilerServices { }
    public sealed class MethodImpl { }
    public sealed class MethodImplAttribute { }
    public sealed class MethodImplOptions { }
    public sealed class GeneratedCode { }
    public sealed class GeneratedCodeAttribute { }
    public sealed class KernelMath { }
    public sealed class KernelWidth { }
    public sealed class ElementwiseDriver { }
    public sealed class IWideUpdate<T> { }
    public sealed class IPreferredUpdate<T> { }
    public sealed class WideState { }
    public sealed class PreferredState { }
    public sealed class StepArguments { }
    public sealed class ParameterState { }
    public sealed class ParameterStateTable { }
    public sealed class OptimizerDescription { }
    public sealed class ParameterSetDescription { }
    public sealed class Hyperparameter { }
    public sealed class OptimizerCheckpoint { }
    public sealed class Description { }
    public sealed class DefaultKernel { }
    public sealed class AdamScalars { }
    public sealed class SgdScalars { }
    public sealed class Wide { }
    public sealed class Preferred { }

    /// <summary>An Adam whose own members, too, are named like what its generated part uses.</summary>
    [global::Rlx.Optim.AdamOptimizer(WeightDecay = 0.01)]
    public partial class HostileAdam
    {
        public int Math => 1;
        public int Vector512 => 2;
        public int KernelMath => 3;
        public int Prepare() => 4;
        public int Update() => 5;
        public int Run() => 6;
        public int Description => 7;
        public int DefaultKernel => 8;
        public int AdamScalars => 9;
        public int scalars = 10;
        public int state = 11;

        [global::Rlx.Optim.Parameter(100)]
        public partial void StepSmall(global::System.Span<float> weights, global::System.ReadOnlySpan<float> gradient);

        [global::Rlx.Optim.Parameter(70_000)]
        public partial void StepLarge(global::System.Span<float> weights, global::System.ReadOnlySpan<float> gradient);
    }

    namespace Classes
    {
        // Optimizer classes named like the types their generated code uses.
        [global::Rlx.Optim.SgdOptimizer(Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
        public partial class Vector512
        {
            [global::Rlx.Optim.Parameter(100)]
            public partial void StepWeights(global::System.Span<float> weights, global::System.ReadOnlySpan<float> gradient);
        }

        [global::Rlx.Optim.NAdamOptimizer]
        public partial class Math
        {
            [global::Rlx.Optim.Parameter(100)]
            public partial void StepWeights(global::System.Span<float> weights, global::System.ReadOnlySpan<float> gradient);
        }
    }
}

namespace HostileNamespaces
{
    namespace System { public sealed class Math { } }
    namespace Rlx.Optim.CompilerServices { public sealed class ElementwiseDriver { } public sealed class KernelWidth { } }
    namespace Runtime.Intrinsics { public sealed class Vector512 { } }

    [global::Rlx.Optim.AdamOptimizer(WeightDecay = 0.01)]
    public partial class NamespacedAdam
    {
        [global::Rlx.Optim.Parameter(100)]
        public partial void StepSmall(global::System.Span<float> weights, global::System.ReadOnlySpan<float> gradient);

        [global::Rlx.Optim.Parameter(70_000)]
        public partial void StepLarge(global::System.Span<float> weights, global::System.ReadOnlySpan<float> gradient);
    }
}

namespace Rlx.Optim.Tests.Generator
{
    /// <summary>The twins of the hostile optimizers, declared where nothing is hostile.</summary>
    [AdamOptimizer(WeightDecay = 0.01)]
    public partial class PlainTwinAdam
    {
        [Parameter(100)] public partial void StepSmall(Span<float> weights, ReadOnlySpan<float> gradient);

        [Parameter(70_000)] public partial void StepLarge(Span<float> weights, ReadOnlySpan<float> gradient);
    }

    [SgdOptimizer(Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
    public partial class PlainTwinSgd
    {
        [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
    }

    [NAdamOptimizer]
    public partial class PlainTwinNAdam
    {
        [Parameter(100)] public partial void StepWeights(Span<float> weights, ReadOnlySpan<float> gradient);
    }

    /// <summary>
    /// User declarations named like what the generated code uses, in the optimizer's namespace, its class, the global
    /// namespace or as namespaces, change nothing: the optimizers compile and step to the same bits as their twins
    /// declared where no name is hostile.
    /// </summary>
    public sealed class HostileNamesTests
    {
        [Fact]
        public void Optimizers_among_hostile_names_step_to_their_twins_bits()
        {
            AssertSameSteps(new HostileNames.HostileAdam(), new PlainTwinAdam());
            AssertSameSteps(new HostileNamespaces.NamespacedAdam(), new PlainTwinAdam());
            AssertSameSteps(new HostileNames.Classes.Vector512(), new PlainTwinSgd());
            AssertSameSteps(new HostileNames.Classes.Math(), new PlainTwinNAdam());
        }

        [Fact]
        public void Optimizers_among_hostile_global_names_compile_and_step_to_their_twins_bits()
        {
            // The global namespace is searched after a namespace's own usings, so these would capture unqualified
            // names in the user's class or in a generated namespace without usings of its own.
            const string Source = """
                using Rlx.Optim;

                public sealed class Math { }
                public sealed class Vector512 { }
                public sealed class Vector512<T> { }
                public sealed class Vector { }
                public sealed class Vector<T> { }
                public sealed class Unsafe { }
                public sealed class MethodImplOptions { }
                public sealed class ElementwiseDriver { }
                public sealed class WideState { }
                public sealed class KernelMath { }
                public sealed class KernelWidth { }
                public sealed class StepArguments { }
                public sealed class Description { }
                public sealed class DefaultKernel { }
                public sealed class AdamScalars { }
                public sealed class Wide { }

                [AdamOptimizer(WeightDecay = 0.01)]
                public partial class GlobalAdam
                {
                    [Parameter(100)] public partial void StepSmall(System.Span<float> weights, System.ReadOnlySpan<float> gradient);
                    [Parameter(70_000)] public partial void StepLarge(System.Span<float> weights, System.ReadOnlySpan<float> gradient);
                }

                namespace Company.Rlx
                {
                    public sealed class Optim { }

                    [global::Rlx.Optim.AdamOptimizer(WeightDecay = 0.01)]
                    public partial class InnerAdam
                    {
                        [global::Rlx.Optim.Parameter(100)]
                        public partial void StepSmall(System.Span<float> weights, System.ReadOnlySpan<float> gradient);
                        [global::Rlx.Optim.Parameter(70_000)]
                        public partial void StepLarge(System.Span<float> weights, System.ReadOnlySpan<float> gradient);
                    }
                }
                """;

            Assembly assembly = GeneratorHarness.CompileAndLoad(Source, "HostileGlobalNames");
            AssertSameSteps((IOptimizer)Activator.CreateInstance(assembly.GetType("GlobalAdam", throwOnError: true)!)!, new PlainTwinAdam());
            AssertSameSteps((IOptimizer)Activator.CreateInstance(assembly.GetType("Company.Rlx.InnerAdam", throwOnError: true)!)!, new PlainTwinAdam());
        }

        /// <summary>
        /// Steps both through the name-keyed calls, every declared set and an undeclared one, for a few iterations,
        /// and requires the same bits in every parameter and state buffer.
        /// </summary>
        private static void AssertSameSteps(IOptimizer hostile, IOptimizer twin)
        {
            var random = new Random(5);
            string[] names = hostile.States.Select(s => s.Name).Append("undeclared").ToArray();
            int[] lengths = hostile.States.Select(s => s.Length).Append(37).ToArray();
            float[][] hostileParameters = lengths.Select(n => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
            float[][] twinParameters = hostileParameters.Select(p => (float[])p.Clone()).ToArray();
            for (int iteration = 0; iteration < 3; iteration++)
            {
                for (int s = 0; s < names.Length; s++)
                {
                    float[] gradient = Enumerable.Range(0, lengths[s]).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
                    hostile.Step(names[s], hostileParameters[s], gradient);
                    twin.Step(names[s], twinParameters[s], gradient);
                }

                hostile.EndIteration();
                twin.EndIteration();
            }

            for (int s = 0; s < names.Length; s++)
            {
                Assert.Equal(Bits(twinParameters[s]), Bits(hostileParameters[s]));
                Assert.True(hostile.TryGetState(names[s], out ParameterState? hostileState));
                Assert.True(twin.TryGetState(names[s], out ParameterState? twinState));
                for (int b = 0; b < twinState.Buffers.Count; b++)
                {
                    Assert.Equal(Bits(twinState.Buffers[b].Span.ToArray()), Bits(hostileState.Buffers[b].Span.ToArray()));
                }
            }
        }

        private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
    }
}
