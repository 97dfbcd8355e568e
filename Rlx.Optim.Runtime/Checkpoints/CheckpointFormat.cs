using System.Globalization;

namespace Rlx.Optim;

/// <summary>
/// The checkpoint's layout on top of safetensors: the metadata keys, the tensor names and how values are written
/// (invariant culture, shortest round-trip text, so every bit comes back).
/// </summary>
internal static class CheckpointFormat
{
    /// <summary>The format this version writes and reads, under <see cref="FormatKey"/>.</summary>
    public const string Version = "rlx-optim.checkpoint.v1";

    /// <summary>safetensors' reference implementation refuses larger headers; so do we, before allocating one.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The only element type a checkpoint holds: little-endian IEEE 754 binary32.</summary>
    public const string Dtype = "F32";

    /// <summary>The safetensors dtype of bfloat16 state.</summary>
    public const string BFloat16Dtype = "BF16";

    /// <summary>How the state is stored; absent in checkpoints of float state.</summary>
    public const string StatePrecisionKey = "state_precision";

    /// <summary>The seed of 16-bit state's stochastic rounding; only with <see cref="StatePrecisionKey"/>.</summary>
    public const string RoundingSeedKey = "rounding_seed";

    /// <summary>The safetensors dtype of a state stored at <paramref name="precision"/>.</summary>
    public static string DtypeOf(StatePrecision precision) => precision == StatePrecision.BFloat16 ? BFloat16Dtype : Dtype;

    /// <summary>Bytes per element of a safetensors dtype this format reads, or 0 for any other.</summary>
    public static int ElementSize(string dtype) => dtype switch { Dtype => sizeof(float), BFloat16Dtype => 2, _ => 0 };

    /// <summary>The metadata text of a state precision.</summary>
    public static string StatePrecisionText(StatePrecision precision) => precision == StatePrecision.BFloat16 ? "bfloat16" : "single";

    public const string MetadataKey = "__metadata__";
    public const string FormatKey = "format";
    public const string KindKey = "optimizer";
    public const string PrecisionKey = "precision";
    public const string StepKey = "step";

    /// <summary>The count of skipped steps (<see cref="IOptimizer.SkippedSteps"/>); written only when it is not 0, and 0 when absent.</summary>
    public const string SkippedStepsKey = "skipped_steps";
    public const string LearningRateKey = "learning_rate";
    /// <summary>The key of one of the optimizer's scalar states (<see cref="OptimizerDescription.ScalarStateNames"/>): <c>state.{name}</c>.</summary>
    public static string ScalarStateKey(string name) => "state." + name;

    /// <summary>A state tensor's name, after PyTorch's names for optimizer state: <c>w1.exp_avg</c>.</summary>
    public static string TensorName(string setName, string bufferName) => setName + "." + bufferName;

    /// <summary>
    /// The key of a hyperparameter: its bare name for the optimizer's own (<c>beta1</c>), after <c>set.</c> for a
    /// declared set's (<c>w1.beta1</c>).
    /// </summary>
    public static string Key(string? setName, string hyperparameter) => setName is null ? hyperparameter : SetKey(setName, hyperparameter);

    /// <summary>The key of one of a declared set's hyperparameters: <c>w1.beta1</c>.</summary>
    public static string SetKey(string setName, string hyperparameterKey) => setName + "." + hyperparameterKey;

    public static string PrecisionText(OptimizerPrecision precision) =>
        precision == OptimizerPrecision.Double ? "double" : "single";

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
