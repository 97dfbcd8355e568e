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

    public const string MetadataKey = "__metadata__";
    public const string FormatKey = "format";
    public const string KindKey = "optimizer";
    public const string PrecisionKey = "precision";
    public const string StepKey = "step";
    public const string LearningRateKey = "learning_rate";
    public const string Beta1Key = "beta1";
    public const string Beta2Key = "beta2";
    public const string EpsilonKey = "epsilon";
    public const string WeightDecayKey = "weight_decay";

    /// <summary>The per-kernel hyperparameter keys: bare for the optimizer's own, after <c>set.</c> for a declared set's.</summary>
    public static readonly string[] HyperparameterKeys = [Beta1Key, Beta2Key, EpsilonKey, WeightDecayKey];

    /// <summary>A state tensor's name, as PyTorch's Adam names its state: <c>w1.exp_avg</c>.</summary>
    public static string TensorName(string setName, string bufferName) => setName + "." + bufferName;

    /// <summary>The key of one of a declared set's hyperparameters: <c>w1.beta1</c>.</summary>
    public static string SetKey(string setName, string hyperparameterKey) => setName + "." + hyperparameterKey;

    public static string PrecisionText(OptimizerPrecision precision) =>
        precision == OptimizerPrecision.Double ? "double" : "single";

    public static double[] Values(AdamHyperparameters hyperparameters) =>
        [hyperparameters.Beta1, hyperparameters.Beta2, hyperparameters.Epsilon, hyperparameters.WeightDecay];

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
