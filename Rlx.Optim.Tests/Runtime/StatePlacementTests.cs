using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rlx.Optim.Tests.Generator;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// The state buffers' page offsets are kept out of the window round θ, g and each other where the kernel's streams
/// slow each other (4K aliasing), by moving the state, values unchanged, when a conflicting layout of θ and g lasts.
/// </summary>
public sealed class StatePlacementTests
{
    private const int Page = StatePlacement.PageBytes;

    [Theory]
    [InlineData(new[] { 1024 }, 0, 2048, false)]
    [InlineData(new[] { 0 }, 0, 2048, true)] // level with θ
    [InlineData(new[] { 64 }, 0, 2048, true)] // stored 64 bytes ahead of θ's loads
    [InlineData(new[] { 384 }, 0, 2048, true)] // the window's far edge
    [InlineData(new[] { 448 }, 0, 2048, false)]
    [InlineData(new[] { 4032 }, 0, 2048, true)] // θ is stored 64 bytes ahead of the state's loads
    [InlineData(new[] { 2112 }, 0, 2048, true)] // stored 64 bytes ahead of g's loads
    [InlineData(new[] { 1984 }, 0, 2048, true)] // 64 bytes behind g
    [InlineData(new[] { 16 }, 4080, 2048, true)] // across the page boundary
    [InlineData(new[] { 1024, 3072 }, 0, 2048, false)]
    [InlineData(new[] { 1024, 1024 }, 0, 2048, true)] // two buffers level with each other
    [InlineData(new[] { 1024, 1344 }, 0, 2048, true)]
    [InlineData(new[] { 1024, 3072, 3392 }, 0, 2048, true)]
    public void Conflicts_is_the_window_round_every_stream(int[] state, int parameter, int gradient, bool expected) =>
        Assert.Equal(expected, StatePlacement.Conflicts(state, parameter, gradient));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_chosen_offsets_are_line_starts_that_never_conflict(int buffers)
    {
        int[] chosen = new int[buffers];
        for (int parameter = 0; parameter < Page; parameter += sizeof(float))
        {
            for (int gradient = 0; gradient < Page; gradient += 4 * sizeof(float))
            {
                StatePlacement.Choose(parameter, gradient, chosen);
                Assert.True(chosen.All(c => c % StatePlacement.LineBytes == 0 && c >= 0 && c < Page), $"θ at {parameter}, g at {gradient}: chose {string.Join(", ", chosen)}");
                Assert.False(StatePlacement.Conflicts(chosen, parameter, gradient), $"θ at {parameter}, g at {gradient}: chose {string.Join(", ", chosen)}");
            }
        }
    }

    [Fact]
    public void A_movable_state_starts_with_its_buffers_apart_and_a_short_one_on_a_line()
    {
        var movable = new ParameterState("w", [StateBuffer.MovableLength], "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        var fixedInPlace = new ParameterState("b", [StateBuffer.MovableLength - 1], "exp_avg", "exp_avg_sq");

        int[] expected = new int[3];
        StatePlacement.Choose(0, 0, expected);
        Assert.Equal(expected, movable.Buffers.Select(b => PageOffsetOf(b.Span)).ToArray());
        Assert.Equal(3, expected.Distinct().Count());
        Assert.All(movable.Buffers, b => Assert.True(b.IsMovable));
        Assert.All(fixedInPlace.Buffers, b => Assert.Equal(0, PageOffsetOf(b.Span) % StatePlacement.LineBytes));
        Assert.All(fixedInPlace.Buffers, b => Assert.False(b.IsMovable));
    }

    [Fact]
    public void A_conflicting_layout_that_lasts_moves_the_state_with_its_values()
    {
        const int length = 4096;
        var state = new ParameterState("w", [length], "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        for (int b = 0; b < state.Buffers.Count; b++)
        {
            for (int i = 0; i < length; i++)
            {
                state.Buffer(b)[i] = b * length + i;
            }
        }

        int[] before = Offsets(state);
        int parameterOffset = (before[0] - 64 + Page) % Page; // the first buffer is stored 64 bytes ahead of θ
        int gradientOffset = (parameterOffset + 512) % Page;
        var memory = new PageMemory(2 * length);
        Span<float> parameter = memory.At(parameterOffset, length);
        ReadOnlySpan<float> gradient = memory.At(gradientOffset, length, after: parameter);

        state.PlaceBeside(parameter, gradient);
        Assert.Equal(before, Offsets(state)); // seen once: nothing moves yet
        state.PlaceBeside(parameter, gradient);

        int[] expected = new int[3];
        StatePlacement.Choose(parameterOffset, gradientOffset, expected);
        Assert.Equal(expected, Offsets(state));
        Assert.False(StatePlacement.Conflicts(Offsets(state), parameterOffset, gradientOffset));
        for (int b = 0; b < state.Buffers.Count; b++)
        {
            Assert.Equal(Enumerable.Range(b * length, length).Select(i => (float)i), state.Buffer(b).ToArray());
        }
    }

    [Fact]
    public void A_layout_seen_once_moves_nothing()
    {
        const int length = 4096;
        var state = new ParameterState("w", [length], "exp_avg");
        int[] before = Offsets(state);
        var memory = new PageMemory(3 * length);
        Span<float> parameter = memory.At((before[0] - 64 + Page) % Page, length);
        Span<float> gradientA = memory.At(0, length, after: parameter);
        Span<float> gradientB = memory.At(1024, length, after: gradientA);

        for (int step = 0; step < 6; step++)
        {
            state.PlaceBeside(parameter, step % 2 == 0 ? gradientA : gradientB); // a gradient at a new place each step
        }

        Assert.Equal(before, Offsets(state));
    }

    [Fact]
    public void A_layout_without_conflict_moves_nothing()
    {
        const int length = 4096;
        var state = new ParameterState("w", [length], "exp_avg", "exp_avg_sq");
        int[] before = Offsets(state);
        var memory = new PageMemory(2 * length);
        int parameterOffset = Enumerable.Range(0, Page / 64).Select(k => k * 64).First(o => !StatePlacement.Conflicts(before, o, (o + 2048) % Page));
        Span<float> parameter = memory.At(parameterOffset, length);
        Span<float> gradient = memory.At((parameterOffset + 2048) % Page, length, after: parameter);

        state.PlaceBeside(parameter, gradient);
        state.PlaceBeside(parameter, gradient);

        Assert.Equal(before, Offsets(state));
    }

    [Fact]
    public void Stepping_gives_the_same_bits_whether_or_not_the_state_moved()
    {
        const int steps = 5;
        var moving = new PlacedAdam();
        var staying = new PlacedAdam();
        int[] before = Offsets(State(moving));
        int conflictingOffset = (before[0] - 64 + Page) % Page;
        int clearOffset = Enumerable.Range(0, Page / 64).Select(k => k * 64).First(o => !StatePlacement.Conflicts(before, o, (o + 2048) % Page));

        var memory = new PageMemory(4 * PlacedAdam.WLength);
        Span<float> conflicting = memory.At(conflictingOffset, PlacedAdam.WLength);
        Span<float> clear = memory.At(clearOffset, PlacedAdam.WLength, after: conflicting);
        Span<float> gradient = memory.At((clearOffset + 2048) % Page, PlacedAdam.WLength, after: clear);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = MathF.Sin(i * 0.37f);
            conflicting[i] = clear[i] = MathF.Cos(i * 0.11f);
        }

        for (int t = 0; t < steps; t++)
        {
            moving.StepW(conflicting, gradient);
            moving.EndIteration();
            staying.StepW(clear, gradient);
            staying.EndIteration();
        }

        Assert.NotEqual(before, Offsets(State(moving)));
        Assert.Equal(before, Offsets(State(staying)));
        Assert.Equal(clear.ToArray(), conflicting.ToArray());
        Assert.Equal(State(staying).Buffer(0).ToArray(), State(moving).Buffer(0).ToArray());
        Assert.Equal(State(staying).Buffer(1).ToArray(), State(moving).Buffer(1).ToArray());
    }

    [Fact]
    public void The_generator_places_exactly_the_sets_whose_state_can_move()
    {
        string source = $$"""
            using System;
            using Rlx.Optim;
            [AdamOptimizer]
            public partial class O
            {
                [Parameter({{StateBuffer.MovableLength}})] public partial void StepLong(Span<float> longer, ReadOnlySpan<float> g);
                [Parameter({{StateBuffer.MovableLength - 1}})] public partial void StepShort(Span<float> shorter, ReadOnlySpan<float> g);
            }
            """;

        string generated = GeneratorHarness.GenerateAndCompile(source).Single().SourceText.ToString();

        Assert.Contains("state.PlaceBeside(longer, g);", generated);
        Assert.DoesNotContain("state.PlaceBeside(shorter, g);", generated);
        Assert.Contains("state.PlaceBeside(parameter, gradient);", generated); // name-keyed sets: the runtime decides
    }

    private static ParameterState State(PlacedAdam optimizer)
    {
        Assert.True(optimizer.TryGetState("w", out ParameterState? state));
        return state;
    }

    private static int[] Offsets(ParameterState state) => state.Buffers.Select(b => PageOffsetOf(b.Span)).ToArray();

    private static int PageOffsetOf(ReadOnlySpan<float> span) => (int)(AddressOf(span) % Page);

    private static ulong AddressOf(ReadOnlySpan<float> span) =>
        (ulong)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(span));

    /// <summary>Pinned memory to cut spans from at chosen page offsets.</summary>
    private sealed class PageMemory
    {
        private readonly float[] _floats;

        public PageMemory(int floats)
        {
            _floats = GC.AllocateArray<float>(floats + 4 * Page, pinned: true); // room for each span to reach its offset
        }

        /// <summary><paramref name="length"/> floats starting at <paramref name="pageOffset"/> in a page, past <paramref name="after"/> if given.</summary>
        public Span<float> At(int pageOffset, int length, Span<float> after = default)
        {
            int from = after.IsEmpty ? 0 : (int)((AddressOf(after) - AddressOf(_floats)) / sizeof(float)) + after.Length;
            ulong fromAddress = AddressOf(_floats) + (ulong)from * sizeof(float);
            int skip = (int)(((ulong)pageOffset + Page - fromAddress % Page) % Page) / sizeof(float);
            return _floats.AsSpan(from + skip, length);
        }
    }
}
