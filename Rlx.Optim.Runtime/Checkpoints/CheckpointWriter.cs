using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Rlx.Optim;

/// <summary>
/// Lays an optimizer's state out as a safetensors checkpoint: one tensor per set and buffer (<c>w1.exp_avg</c>,
/// <c>w1.exp_avg_sq</c>), each of the buffer's own shape, in the state table's order, and the settings in
/// <c>__metadata__</c>.
/// </summary>
internal static class CheckpointWriter
{
    public static void Write(ICheckpointable optimizer, Stream stream)
    {
        OptimizerDescription description = optimizer.Description;
        var tensors = new List<(string Name, IReadOnlyList<int> Shape, StateBuffer Data)>();
        foreach (ParameterState state in optimizer.StateTable.All)
        {
            RequireText(state.Name);
            foreach (StateBuffer buffer in state.Buffers)
            {
                tensors.Add((CheckpointFormat.TensorName(state.Name, buffer.Name), buffer.Shape, buffer));
            }
        }

        SafetensorsWriter.Write(stream, Metadata(optimizer, description), tensors);
    }

    /// <summary>
    /// JSON text is Unicode: a name with a lone UTF-16 surrogate would be written as U+FFFD and come back as another
    /// name, so it is refused before anything is written.
    /// </summary>
    internal static void RequireText(string setName)
    {
        ReadOnlySpan<char> rest = setName;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out int consumed) != OperationStatus.Done)
            {
                throw new InvalidOperationException($"Parameter set '{setName}' has a name that is not valid Unicode text (a lone surrogate), so it cannot be named in a checkpoint. Nothing was written.");
            }

            rest = rest[consumed..];
        }
    }

    /// <summary>The settings a checkpoint of <paramref name="optimizer"/> records in <c>__metadata__</c>.</summary>
    internal static List<KeyValuePair<string, string>> Metadata(ICheckpointable optimizer, OptimizerDescription description)
    {
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(CheckpointFormat.FormatKey, CheckpointFormat.Version),
            new(CheckpointFormat.KindKey, description.Kind),
            new(CheckpointFormat.PrecisionKey, CheckpointFormat.PrecisionText(description.Precision)),
            new(CheckpointFormat.StepKey, CheckpointFormat.Text(optimizer.StepCount)),
            new(CheckpointFormat.LearningRateKey, CheckpointFormat.Text(optimizer.LearningRate)),
        };

        if (optimizer.SkippedSteps != 0)
        {
            metadata.Add(new(CheckpointFormat.SkippedStepsKey, CheckpointFormat.Text(optimizer.SkippedSteps)));
        }

        if (description.StatePrecision != StatePrecision.Single)
        {
            metadata.Add(new(CheckpointFormat.StatePrecisionKey, CheckpointFormat.StatePrecisionText(description.StatePrecision)));
        }

        if (description.RoundsStochastically)
        {
            metadata.Add(new(CheckpointFormat.RoundingSeedKey, optimizer.StateTable.RoundingSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        IReadOnlyList<double> scalars = optimizer.ScalarState;
        for (int i = 0; i < description.ScalarStateNames.Count; i++)
        {
            metadata.Add(new(CheckpointFormat.ScalarStateKey(description.ScalarStateNames[i]), CheckpointFormat.Text(scalars[i])));
        }

        AddHyperparameters(metadata, setName: null, description.Hyperparameters);
        foreach (ParameterSetDescription set in description.Sets)
        {
            AddHyperparameters(metadata, set.Name, set.Hyperparameters);
        }

        return metadata;
    }

    private static void AddHyperparameters(List<KeyValuePair<string, string>> metadata, string? setName, IReadOnlyList<Hyperparameter> hyperparameters)
    {
        foreach (Hyperparameter hyperparameter in hyperparameters)
        {
            metadata.Add(new(CheckpointFormat.Key(setName, hyperparameter.Name), CheckpointFormat.Text(hyperparameter.Value)));
        }
    }
}
