using System;
using System.IO;

namespace Rlx.Optim.Tests.Checkpoints;

/// <summary>
/// Stop and resume: N steps, save, load into a fresh optimizer, M more steps, and every parameter and moment
/// equals, bit for bit, an uninterrupted run of N + M steps.
/// </summary>
public sealed class ResumeTests
{
    private const int Before = 23;
    private const int After = 17;

    public static TheoryData<string> Optimizers =>
        ["single", "double", "large", "name-keyed", "adamw-amsgrad", "nadam", "radam", "adamax", "lion", "sgd-nesterov", "sgd-plain",
        "adagrad", "rmsprop", "adafactor", "lamb", "schedulefree"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_run_resumed_from_a_stream_equals_one_that_never_stopped(string kind) =>
        AssertResumesExactly(kind, (optimizer, fresh) =>
        {
            using var stream = new MemoryStream();
            optimizer.SaveCheckpoint(stream);
            stream.Position = 0;
            fresh.LoadCheckpoint(stream);
        });

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_run_resumed_from_a_file_equals_one_that_never_stopped(string kind)
    {
        string path = Path.Combine(Path.GetTempPath(), $"rlx-resume-{Guid.NewGuid():N}.safetensors");
        try
        {
            AssertResumesExactly(kind, (optimizer, fresh) =>
            {
                optimizer.SaveCheckpoint(path);
                fresh.LoadCheckpoint(path);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_stream_that_cannot_seek_loads_too()
    {
        AssertResumesExactly("single", (optimizer, fresh) =>
        {
            using var stream = new NonSeekableStream(CheckpointFile.Save(optimizer));
            fresh.LoadCheckpoint(stream);
        });
    }

    [Fact]
    public void The_learning_rate_comes_back_with_the_state()
    {
        var optimizer = new CheckpointSingleAdam { LearningRate = 0.0025f };
        var model = new ToyModel(optimizer);
        model.Train(optimizer, Before);
        var straight = new CheckpointSingleAdam { LearningRate = 0.0025f };
        var straightModel = new ToyModel(straight);
        straightModel.Train(straight, Before + After);

        // No schedule after the load: only the restored rate can make the runs agree.
        var fresh = new CheckpointSingleAdam();
        fresh.LoadCheckpoint(new MemoryStream(CheckpointFile.Save(optimizer)));
        Assert.Equal(0.0025f, fresh.LearningRate);
        model.Train(fresh, After);

        Assert.Equal(straightModel.Bits(), model.Bits());
        StateSnapshot.Of(straight).AssertSameAs(fresh);
    }

    private static void AssertResumesExactly(string kind, Action<ICheckpointable, ICheckpointable> saveAndLoad)
    {
        ICheckpointable straight = Create(kind);
        ToyModel straightModel = Model(straight);
        straightModel.Train(straight, Before + After, ToyModel.Cosine);

        ICheckpointable first = Create(kind);
        ToyModel model = Model(first);
        model.Train(first, Before, ToyModel.Cosine);
        ICheckpointable resumed = Create(kind);
        saveAndLoad(first, resumed);
        StateSnapshot.Of(first).AssertSameAs(resumed);
        model.Train(resumed, After, ToyModel.Cosine);

        Assert.Equal(Before + After, resumed.StepCount);
        Assert.Equal(straightModel.Bits(), model.Bits());
        StateSnapshot.Of(straight).AssertSameAs(resumed);
    }

    private static ICheckpointable Create(string kind) => kind switch
    {
        "single" => new CheckpointSingleAdam(),
        "double" => new CheckpointDoubleAdam(),
        "large" => new CheckpointLargeAdam(),
        "name-keyed" => new CheckpointNameKeyedAdam(),
        "adamw-amsgrad" => new CheckpointAdamWAmsGrad(),
        "nadam" => new CheckpointNAdam(),
        "radam" => new CheckpointRAdam(),
        "adamax" => new CheckpointAdamax(),
        "lion" => new CheckpointLion(),
        "sgd-nesterov" => new CheckpointSgdNesterov(),
        "sgd-plain" => new CheckpointSgdPlain(),
        "adagrad" => new CheckpointAdagrad(),
        "rmsprop" => new CheckpointRMSprop(),
        "adafactor" => new CheckpointAdafactor(),
        "lamb" => new CheckpointLamb(),
        "schedulefree" => new CheckpointScheduleFree(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Declared sets, plus sets stepped by name that the load must re-create (one of them empty).</summary>
    private static ToyModel Model(ICheckpointable optimizer) =>
        new(optimizer, ("extra", 37), ("norm.gain", 8), ("empty", 0));
}
