using System;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace Rlx.Optim.Benchmarks;

/// <summary>
/// <c>--deepspeed LIBRARY</c>: GPT-2 small's whole step, the generated <c>StepAll</c> (float Adam over the 148 declared
/// sets, <see cref="Gpt2SmallAdam"/>) against DeepSpeed's CPU Adam over the same 148 lengths, in the same process and
/// the same <see cref="InterleavedRounds"/>, on one thread and on two. DeepSpeed's step is its own code, built by
/// <c>benchmarks/deepspeed/build.sh</c> into the library this mode loads: per tensor <c>IncrementStep</c>,
/// <c>update_state</c> and <c>Step_8</c> over its own buffers, as its Python side steps a parameter group.
/// </summary>
public static unsafe class DeepSpeedComparison
{
    private const int Rounds = 15;

    private static readonly int[] Threads = [1, 2];

    public static string Measure(string libraryPath)
    {
        nint library = NativeLibrary.Load(libraryPath);
        var init = (delegate* unmanaged<long*, int, void>)NativeLibrary.GetExport(library, "rlx_ds_init");
        var step = (delegate* unmanaged<long, int, void>)NativeLibrary.GetExport(library, "rlx_ds_step");
        var parameter = (delegate* unmanaged<int, long, float>)NativeLibrary.GetExport(library, "rlx_ds_parameter");

        WholeStepFixture fixture = WholeStepFixture.Of(WholeStepLayout.Gpt2Small);
        long[] lengths = Gpt2Declaration.Small.Select(set => (long)Gpt2Declaration.Length(set.Shape)).ToArray();
        fixed (long* first = lengths)
        {
            init(first, lengths.Length);
        }

        // DeepSpeed's step must move θ, or it timed nothing.
        float before = parameter(0, 12_345);
        long dsStep = 0;
        step(++dsStep, 1);
        if (parameter(0, 12_345) == before)
        {
            throw new InvalidOperationException("DeepSpeed's step left θ unchanged.");
        }

        var cases = Threads.SelectMany(threads => new Action[]
        {
            () =>
            {
                fixture.Configure(WholeStepCase.StepAll, threads);
                fixture.Step(WholeStepCase.StepAll);
            },
            () => step(++dsStep, threads),
        }).ToArray();
        double[,] times = InterleavedRounds.Time(cases, Rounds, callsPerBatch: 1, warmUpCalls: 3);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"GPT-2 small ({lengths.Length} tensors, {lengths.Sum():N0} parameters), float Adam, {Rounds} interleaved rounds of one step each.");
        text.AppendLine("× DeepSpeed: DeepSpeed's time over StepAll's in the same round (above 1.00: StepAll faster), median (min–max).");
        text.AppendLine();
        text.AppendLine("| threads | StepAll | DeepSpeed CPU Adam | × DeepSpeed |");
        text.AppendLine("|---:|---:|---:|---:|");
        for (int t = 0; t < Threads.Length; t++)
        {
            int ours = 2 * t, theirs = 2 * t + 1;
            double[] speed = Enumerable.Range(0, Rounds).Select(r => times[theirs, r] / times[ours, r]).ToArray();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Threads[t]} | {RatioReport.Time(InterleavedRounds.MedianOverRounds(Rounds, r => times[ours, r]))} | " +
                $"{RatioReport.Time(InterleavedRounds.MedianOverRounds(Rounds, r => times[theirs, r]))} | " +
                $"{InterleavedRounds.Median(speed):F3} ({speed.Min():F3}–{speed.Max():F3}) |"));
        }

        return text.ToString();
    }
}
