namespace Rlx.Optim.Generators;

/// <summary>Fully qualified metadata names of the runtime types the generator looks for.</summary>
internal static class KnownNames
{
    public const string ParameterAttribute = "Rlx.Optim.ParameterAttribute";

    public const string BFloat16 = "Rlx.Optim.BFloat16";
}
