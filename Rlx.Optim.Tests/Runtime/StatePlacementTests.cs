using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rlx.Optim.Tests.Generator;

namespace Rlx.Optim.Tests.Runtime;

/// <summary>
/// The state buffers' page offset is kept out of the window where the kernel's stores would slow its loads
/// (4K aliasing), by moving the state, values unchanged, when a conflicting layout of θ and g lasts.
/// </summary>
public sealed class StatePlacementTests
{
    private const int Page = StatePlacement.PageBytes;

    [Theory]
    [InlineData(0, 0, 2048, false)] // level with θ
    [InlineData(64, 0, 2048, true)] // stored 64 bytes ahead of θ's loads
    [InlineData(384, 0, 2048, true)] // the window's far edge
    [InlineData(448, 0, 2048, false)]
    [InlineData(4032, 0, 2048, true)] // θ is stored 64 bytes ahead of the state's loads
    [InlineData(2112, 0, 2048, true)] // stored 64 bytes ahead of g's loads
    [InlineData(1984, 0, 2048, false)] // behind g: g is never stored
    [InlineData(16, 4080, 2048, true)] // ahead across the page boundary
    public void Conflicts_is_the_measured_window(int state, int parameter, int gradient, bool expected) =>
        Assert.Equal(expected, StatePlacement.Conflicts(state, parameter, gradient));

    [Fact]
    public void The_chosen_offset_is_a_line_start_that_never_conflicts()
    {
        for (int parameter = 0; parameter < Page; parameter += sizeof(float))
        {
            for (int gradient = 0; gradient < Page; gradient += 4 * sizeof(float))
            {
                int chosen = StatePlacement.Choose(parameter, gradient);
                Assert.True(chosen % StatePlacement.LineBytes == 0 && chosen < Page, $"θ at {parameter}, g at {gradient}: chose {chosen}");
                Assert.False(StatePlacement.Conflicts(chosen, parameter, gradient), $"θ at {parameter}, g at {gradient}: chose {chosen}");
            }
        }
    }

    [Fact]
    public void A_movable_state_starts_at_a_page_and_a_short_one_on_a_line()
    {
        var movable = new ParameterState("w", [StateBuffer.MovableLength], "exp_avg", "exp_avg_sq");
        var fixedInPlace = new ParameterState("b", [StateBuffer.MovableLength - 1], "exp_avg", "exp_avg_sq");

        Assert.All(movable.Buffers, b => Assert.Equal(0, PageOffsetOf(b.Span)));
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
            state.Buffer(b).Fill(0); // then distinct values, to see each one arrive
            for (int i = 0; i < length; i++)
            {
                state.Buffer(b)[i] = b * length + i;
            }
        }

        var memory = new PageMemory(2 * length);
        Span<float> parameter = memory.At(Page - 64, length); // the state (at 0) is stored 64 bytes ahead of θ
        ReadOnlySpan<float> gradient = memory.At(2048, length, after: parameter);

        state.PlaceBeside(parameter, gradient);
        Assert.Equal(0, PageOffsetOf(state.Buffer(0))); // seen once: nothing moves yet
        state.PlaceBeside(parameter, gradient);

        int moved = PageOffsetOf(state.Buffer(0));
        Assert.Equal(StatePlacement.Choose(Page - 64, 2048), moved);
        Assert.False(StatePlacement.Conflicts(moved, Page - 64, 2048));
        for (int b = 0; b < state.Buffers.Count; b++)
        {
            Assert.Equal(moved, PageOffsetOf(state.Buffer(b)));
            Assert.Equal(Enumerable.Range(b * length, length).Select(i => (float)i), state.Buffer(b).ToArray());
        }
    }

    [Fact]
    public void A_layout_seen_once_moves_nothing()
    {
        const int length = 4096;
        var state = new ParameterState("w", [length], "exp_avg");
        var memory = new PageMemory(3 * length);
        Span<float> parameter = memory.At(Page - 64, length);
        Span<float> gradientA = memory.At(0, length, after: parameter);
        Span<float> gradientB = memory.At(1024, length, after: gradientA);

        for (int step = 0; step < 6; step++)
        {
            state.PlaceBeside(parameter, step % 2 == 0 ? gradientA : gradientB); // a gradient at a new place each step
        }

        Assert.Equal(0, PageOffsetOf(state.Buffer(0)));
    }

    [Fact]
    public void A_layout_without_conflict_moves_nothing()
    {
        const int length = 4096;
        var state = new ParameterState("w", [length], "exp_avg");
        var memory = new PageMemory(2 * length);
        Span<float> parameter = memory.At(0, length);
        Span<float> gradient = memory.At(2048, length, after: parameter);

        state.PlaceBeside(parameter, gradient);
        state.PlaceBeside(parameter, gradient);

        Assert.Equal(0, PageOffsetOf(state.Buffer(0)));
    }

    [Fact]
    public void Stepping_gives_the_same_bits_whether_or_not_the_state_moved()
    {
        const int steps = 5;
        var memory = new PageMemory(4 * PlacedAdam.WLength);
        Span<float> conflicting = memory.At(Page - 64, PlacedAdam.WLength);
        Span<float> clear = memory.At(1024, PlacedAdam.WLength, after: conflicting);
        Span<float> gradient = memory.At(2048, PlacedAdam.WLength, after: clear);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = MathF.Sin(i * 0.37f);
            conflicting[i] = clear[i] = MathF.Cos(i * 0.11f);
        }

        var moving = new PlacedAdam();
        var staying = new PlacedAdam();
        for (int t = 0; t < steps; t++)
        {
            moving.StepW(conflicting, gradient);
            moving.EndIteration();
            staying.StepW(clear, gradient);
            staying.EndIteration();
        }

        Assert.NotEqual(0, PageOffsetOf(State(moving).Buffer(0)));
        Assert.Equal(0, PageOffsetOf(State(staying).Buffer(0)));
        Assert.Equal(clear.ToArray(), conflicting.ToArray());
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
