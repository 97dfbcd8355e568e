using System;
using System.Collections.Generic;
using System.Linq;

namespace Rlx.Optim;

/// <summary>
/// Checks a structurally valid checkpoint against the optimizer it is loaded into, before anything is allocated or
/// changed: format version, kind, precision, every hyperparameter folded into a kernel (exactly), the step and
/// learning rate, and the sets: every declared set present with its shape, no set that another optimizer declared,
/// and complete state for the sets created on first use (which are re-created).
/// </summary>
internal static class CheckpointValidator
{
    public static RestorePlan Plan(SafetensorsHeader header, OptimizerDescription description, CheckpointSource source)
    {
        IReadOnlyDictionary<string, string> metadata = header.Metadata
            ?? throw source.Refuse($"it has no '{CheckpointFormat.MetadataKey}', so it is not an Rlx.Optim checkpoint (model weights?).");
        string format = Required(metadata, CheckpointFormat.FormatKey, source);
        if (format != CheckpointFormat.Version)
        {
            throw source.Refuse($"its format is '{format}', and this version of Rlx.Optim reads '{CheckpointFormat.Version}' only.");
        }

        ExpectSame(metadata, CheckpointFormat.KindKey, description.Kind, source);
        ExpectSame(metadata, CheckpointFormat.PrecisionKey, CheckpointFormat.PrecisionText(description.Precision), source);
        ulong? roundingSeed = ExpectStatePrecision(header, metadata, description, source);
        ExpectHyperparameters(metadata, setName: null, description.Hyperparameters, source);
        long step = StepCount(metadata, source);
        long skippedSteps = SkippedSteps(metadata, source);
        float learningRate = LearningRate(metadata, source);
        double[] scalarState = ScalarState(metadata, description, source);

        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        (List<PlannedSet> sets, List<PlannedTensor> tensors) = description.Layout is { } layout
            ? GroupIntoLaidOutSets(header, description, layout, indexByName, source)
            : GroupIntoSets(header, description, indexByName, source);
        MatchDeclaredSets(sets, indexByName, metadata, description, source);
        RefuseForeignDeclarations(sets, indexByName, metadata, description, source);
        return new RestorePlan(step, learningRate, sets, tensors, roundingSeed) { ScalarState = scalarState, SkippedSteps = skippedSteps };
    }

    /// <summary>Every scalar state the optimizer keeps, as a number (NaN and infinities included: it is state, kept as it was).</summary>
    private static double[] ScalarState(IReadOnlyDictionary<string, string> metadata, OptimizerDescription description, CheckpointSource source)
    {
        double[] values = new double[description.ScalarStateNames.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string key = CheckpointFormat.ScalarStateKey(description.ScalarStateNames[i]);
            string text = Required(metadata, key, source);
            if (!CheckpointFormat.TryParse(text, out values[i]))
            {
                throw source.Refuse($"its metadata entry '{key}' is '{text}', not a number.");
            }
        }

        return values;
    }

    /// <summary>
    /// The state must be stored as the optimizer stores it: a checkpoint of float state is refused by an optimizer
    /// with bfloat16 state and the other way round (no conversion: rounding float state to bfloat16 would lose what
    /// the run kept, and widening bfloat16 would pretend to a precision it never had). Returns the rounding seed of
    /// 16-bit state.
    /// </summary>
    private static ulong? ExpectStatePrecision(
        SafetensorsHeader header, IReadOnlyDictionary<string, string> metadata, OptimizerDescription description, CheckpointSource source)
    {
        string expected = CheckpointFormat.StatePrecisionText(description.StatePrecision);
        string actual = metadata.TryGetValue(CheckpointFormat.StatePrecisionKey, out string? text) ? text : CheckpointFormat.StatePrecisionText(StatePrecision.Single);
        if (actual != expected)
        {
            throw source.Refuse(
                $"its state is stored as {actual}, but {source.Target} keeps {expected} state (StatePrecision = {description.StatePrecision}). " +
                "State is not converted between precisions: load it into an optimizer declared with the same StatePrecision.");
        }

        string dtype = CheckpointFormat.DtypeOf(description.StatePrecision);
        foreach (SafetensorsTensor tensor in header.Tensors)
        {
            // A master copy of a 16-bit parameter is float whatever the moments are.
            bool master = tensor.Name.EndsWith("." + ParameterState.MasterWeightName, StringComparison.Ordinal);
            string wanted = master ? CheckpointFormat.Dtype : dtype;
            if (tensor.Dtype != wanted)
            {
                throw source.Refuse(master
                    ? $"tensor '{tensor.Name}' is {tensor.Dtype}, but a master copy is stored as {wanted}."
                    : $"tensor '{tensor.Name}' is {tensor.Dtype}, but {source.Target} keeps {expected} state, stored as {dtype}.");
            }
        }

        if (!description.RoundsStochastically)
        {
            return null;
        }

        string seed = Required(metadata, CheckpointFormat.RoundingSeedKey, source);
        return ulong.TryParse(seed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw source.Refuse($"its {CheckpointFormat.RoundingSeedKey} is '{seed}', not an unsigned 64-bit integer.");
    }

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key, CheckpointSource source) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw source.Refuse($"its metadata has no '{key}' entry.");

    private static void ExpectSame(IReadOnlyDictionary<string, string> metadata, string key, string expected, CheckpointSource source)
    {
        string actual = Required(metadata, key, source);
        if (actual != expected)
        {
            throw source.Refuse($"its {key} is '{actual}', but {source.Target}'s is '{expected}'.");
        }
    }

    /// <summary>The hyperparameters folded into a kernel must be the very same doubles, or the moments mean something else.</summary>
    private static void ExpectHyperparameters(
        IReadOnlyDictionary<string, string> metadata, string? setName, IReadOnlyList<Hyperparameter> expected, CheckpointSource source, bool stateless = false)
    {
        foreach (Hyperparameter hyperparameter in expected)
        {
            string key = CheckpointFormat.Key(setName, hyperparameter.Name);
            if (!metadata.TryGetValue(key, out string? text))
            {
                throw source.Refuse(
                    setName is null ? $"its metadata has no '{key}' entry."
                    : stateless ? $"it has no '{key}' entry: the optimizer that saved it did not declare set '{setName}', which {source.Target} declares."
                    : $"set '{setName}' was created on first use by the optimizer that saved it (its metadata has no '{key}'), but {source.Target} declares it.");
            }

            if (!CheckpointFormat.TryParse(text, out double value))
            {
                throw source.Refuse($"its metadata entry '{key}' is '{text}', not a number.");
            }

            if (value != hyperparameter.Value)
            {
                throw source.Refuse($"its {key} is {text}, but {source.Target} was generated with {CheckpointFormat.Text(hyperparameter.Value)}. Hyperparameters folded into the kernels must match; only the learning rate may differ.");
            }
        }
    }

    private static long StepCount(IReadOnlyDictionary<string, string> metadata, CheckpointSource source) =>
        CountOfSteps(CheckpointFormat.StepKey, Required(metadata, CheckpointFormat.StepKey, source), source);

    /// <summary>The count of skipped steps, 0 when the checkpoint records none (it is written only when not 0).</summary>
    private static long SkippedSteps(IReadOnlyDictionary<string, string> metadata, CheckpointSource source) =>
        metadata.TryGetValue(CheckpointFormat.SkippedStepsKey, out string? text) ? CountOfSteps(CheckpointFormat.SkippedStepsKey, text, source) : 0;

    private static long CountOfSteps(string key, string text, CheckpointSource source) =>
        CheckpointFormat.TryParse(text, out long count)
            ? count
            : throw source.Refuse($"its metadata entry '{key}' is '{text}', not a count of steps (digits 0-9, at most {long.MaxValue}).");

    private static float LearningRate(IReadOnlyDictionary<string, string> metadata, CheckpointSource source)
    {
        string text = Required(metadata, CheckpointFormat.LearningRateKey, source);
        return CheckpointFormat.TryParse(text, out float learningRate) && float.IsFinite(learningRate) && learningRate >= 0f
            ? learningRate
            : throw source.Refuse($"its metadata entry '{CheckpointFormat.LearningRateKey}' is '{text}', not a finite learning rate of at least 0.");
    }

    /// <summary>Groups the tensors by set (<c>w1.exp_avg</c> and <c>w1.exp_avg_sq</c> are set <c>w1</c>); every set must hold every buffer, of one shape.</summary>
    private static (List<PlannedSet> Sets, List<PlannedTensor> Tensors) GroupIntoSets(
        SafetensorsHeader header, OptimizerDescription description, Dictionary<string, int> indexByName, CheckpointSource source)
    {
        var sets = new List<PlannedSet>();
        var tensors = new List<PlannedTensor>(header.Tensors.Count);
        var present = new List<bool[]>();
        foreach (SafetensorsTensor tensor in header.Tensors)
        {
            (string setName, int buffer) = Split(tensor.Name, description, source);
            if (!indexByName.TryGetValue(setName, out int set))
            {
                set = sets.Count;
                indexByName.Add(setName, set);
                sets.Add(new PlannedSet(setName, tensor.Shape, tensor.Length, DeclaredIndex: -1));
                present.Add(new bool[description.BufferNames.Count + 1]); // the moments, then a master copy
            }
            else if (!sets[set].Shape.AsSpan().SequenceEqual(tensor.Shape))
            {
                throw source.Refuse($"set '{setName}' has tensors of two shapes: [{string.Join(", ", sets[set].Shape)}] and, for '{tensor.Name}', [{string.Join(", ", tensor.Shape)}].");
            }

            present[set][buffer] = true;
            tensors.Add(new PlannedTensor(set, buffer));
        }

        for (int set = 0; set < sets.Count; set++)
        {
            string name = sets[set].Name;
            int missing = Array.IndexOf(present[set], false, 0, description.BufferNames.Count);
            if (missing >= 0)
            {
                throw source.Refuse($"set '{name}' has no tensor '{CheckpointFormat.TensorName(name, description.BufferNames[missing])}'.");
            }

            // Only a declared set with master weights keeps a master copy, and it must.
            bool keepsMaster = description.Sets.Any(s => s.Name == name && s.MasterWeights);
            if (present[set][description.BufferNames.Count] != keepsMaster)
            {
                throw source.Refuse(keepsMaster
                    ? $"set '{name}' has no tensor '{CheckpointFormat.TensorName(name, ParameterState.MasterWeightName)}', which {source.Target} keeps (MasterWeights)."
                    : $"set '{name}' has a master copy, but {source.Target} keeps none for it.");
            }
        }

        return (sets, tensors);
    }

    /// <summary>
    /// Groups the tensors by set when the buffers have their own shapes (Adafactor's <c>row_var</c> and <c>col_var</c>):
    /// each set's tensors must be exactly the buffers the layout gives some shape, and that is the set's shape. A
    /// tensor's buffer index is its place among its set's buffers.
    /// </summary>
    private static (List<PlannedSet> Sets, List<PlannedTensor> Tensors) GroupIntoLaidOutSets(
        SafetensorsHeader header, OptimizerDescription description, CompilerServices.StateLayout layout, Dictionary<string, int> indexByName,
        CheckpointSource source)
    {
        var names = new List<string>();
        var buffersBySet = new List<Dictionary<string, int[]>>();
        var masters = new List<int[]?>();
        var split = new List<(int Set, string? Buffer)>(header.Tensors.Count);
        foreach (SafetensorsTensor tensor in header.Tensors)
        {
            (string setName, int buffer) = Split(tensor.Name, description, source);
            if (!indexByName.TryGetValue(setName, out int set))
            {
                set = names.Count;
                indexByName.Add(setName, set);
                names.Add(setName);
                buffersBySet.Add(new Dictionary<string, int[]>(StringComparer.Ordinal));
                masters.Add(null);
            }

            // A master copy (buffer BufferNames.Count) has the set's shape; it follows the layout's buffers.
            bool master = buffer == description.BufferNames.Count;
            if (master)
            {
                masters[set] = tensor.Shape;
            }
            else
            {
                buffersBySet[set][description.BufferNames[buffer]] = tensor.Shape;
            }

            split.Add((set, master ? null : description.BufferNames[buffer]));
        }

        var sets = new List<PlannedSet>(names.Count);
        var order = new List<CompilerServices.StateBufferShape[]>(names.Count);
        for (int set = 0; set < names.Count; set++)
        {
            int[] shape = layout.SetShapeOf(buffersBySet[set])
                ?? throw source.Refuse($"set '{names[set]}' has tensors [{string.Join(", ", buffersBySet[set].Select(b => $"{b.Key} [{string.Join(", ", b.Value)}]"))}], which are not {description.Kind} state of any shape.");
            long length = 1;
            foreach (int dimension in shape)
            {
                length *= dimension;
            }

            bool keepsMaster = description.Sets.Any(s => s.Name == names[set] && s.MasterWeights);
            if ((masters[set] is not null) != keepsMaster)
            {
                throw source.Refuse(keepsMaster
                    ? $"set '{names[set]}' has no tensor '{CheckpointFormat.TensorName(names[set], ParameterState.MasterWeightName)}', which {source.Target} keeps (MasterWeights)."
                    : $"set '{names[set]}' has a master copy, but {source.Target} keeps none for it.");
            }

            if (masters[set] is { } masterShape && !masterShape.AsSpan().SequenceEqual(shape))
            {
                throw source.Refuse($"set '{names[set]}' has a master copy of shape [{string.Join(", ", masterShape)}], but its state is of a set of shape [{string.Join(", ", shape)}].");
            }

            sets.Add(new PlannedSet(names[set], shape, (int)length, DeclaredIndex: -1));
            order.Add(layout.BuffersOf(shape));
        }

        var tensors = new List<PlannedTensor>(split.Count);
        foreach ((int set, string? buffer) in split)
        {
            tensors.Add(new PlannedTensor(set, buffer is null ? order[set].Length : Array.FindIndex(order[set], b => b.Name == buffer)));
        }

        return (sets, tensors);
    }

    /// <summary>Splits <c>set.buffer</c> at the longest buffer name it ends with; a master copy is buffer <c>BufferNames.Count</c>.</summary>
    private static (string SetName, int Buffer) Split(string tensorName, OptimizerDescription description, CheckpointSource source)
    {
        string masterSuffix = "." + ParameterState.MasterWeightName;
        if (tensorName.EndsWith(masterSuffix, StringComparison.Ordinal) && description.Sets.Any(s => s.MasterWeights))
        {
            return (tensorName[..^masterSuffix.Length], description.BufferNames.Count);
        }

        int best = -1;
        for (int b = 0; b < description.BufferNames.Count; b++)
        {
            bool longer = best < 0 || description.BufferNames[b].Length > description.BufferNames[best].Length;
            if (longer && tensorName.EndsWith("." + description.BufferNames[b], StringComparison.Ordinal))
            {
                best = b;
            }
        }

        return best >= 0
            ? (tensorName[..^(description.BufferNames[best].Length + 1)], best)
            : throw source.Refuse($"tensor '{tensorName}' is not {description.Kind} state: its name does not end in {string.Join(" or ", description.BufferNames.Select(b => "'." + b + "'"))}.");
    }

    private static void MatchDeclaredSets(
        List<PlannedSet> sets, Dictionary<string, int> indexByName, IReadOnlyDictionary<string, string> metadata, OptimizerDescription description, CheckpointSource source)
    {
        for (int declared = 0; declared < description.Sets.Count; declared++)
        {
            ParameterSetDescription expected = description.Sets[declared];
            if (description.BufferNames.Count == 0 && !expected.MasterWeights)
            {
                // A stateless optimizer (plain SGD) saves no tensors: its sets are known by their hyperparameters only.
                ExpectHyperparameters(metadata, expected.Name, expected.Hyperparameters, source, stateless: true);
                continue;
            }

            if (!indexByName.TryGetValue(expected.Name, out int set))
            {
                throw source.Refuse($"it has no state for set '{expected.Name}', which {source.Target} declares: it was saved by an optimizer without that set.");
            }

            // Hyperparameters first: a set created on first use there is a different fault from a reshaped one.
            ExpectHyperparameters(metadata, expected.Name, expected.Hyperparameters, source);
            if (!sets[set].Shape.AsSpan().SequenceEqual([.. expected.Shape]))
            {
                throw source.Refuse($"set '{expected.Name}' has shape [{string.Join(", ", sets[set].Shape)}] in the checkpoint, but {source.Target} declares [{string.Join(", ", expected.Shape)}].");
            }

            sets[set] = sets[set] with { DeclaredIndex = declared };
        }
    }

    /// <summary>
    /// A set the saving optimizer declared (its metadata records the set's hyperparameters) must be declared here too;
    /// and no set's hyperparameters may be recorded without its tensors.
    /// </summary>
    private static void RefuseForeignDeclarations(
        List<PlannedSet> sets,
        Dictionary<string, int> indexByName,
        IReadOnlyDictionary<string, string> metadata,
        OptimizerDescription description,
        CheckpointSource source)
    {
        foreach (string key in metadata.Keys)
        {
            foreach (Hyperparameter hyperparameter in description.Hyperparameters)
            {
                string name = hyperparameter.Name;
                if (key.Length <= name.Length || !key.EndsWith("." + name, StringComparison.Ordinal))
                {
                    continue;
                }

                string setName = key[..^(name.Length + 1)];
                if (description.BufferNames.Count == 0)
                {
                    if (!description.Sets.Any(s => s.Name == setName))
                    {
                        throw source.Refuse($"set '{setName}' was declared by the optimizer that saved it (its metadata records '{key}'), but {source.Target} does not declare it.");
                    }

                    continue;
                }

                if (!indexByName.TryGetValue(setName, out int set))
                {
                    throw source.Refuse($"its metadata entry '{key}' describes set '{setName}', which has no tensors.");
                }

                if (sets[set].DeclaredIndex < 0)
                {
                    throw source.Refuse($"set '{setName}' was declared by the optimizer that saved it (its metadata records '{key}'), but {source.Target} does not declare it.");
                }
            }
        }
    }
}
