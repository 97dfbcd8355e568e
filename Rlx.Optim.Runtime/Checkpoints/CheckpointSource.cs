namespace Rlx.Optim;

/// <summary>Where a checkpoint comes from and where it goes, to name both in every error.</summary>
/// <param name="Origin">For example <c>file '/runs/a.safetensors'</c> or <c>stream</c>.</param>
/// <param name="Target">The optimizer's type name.</param>
internal sealed record CheckpointSource(string Origin, string Target)
{
    /// <summary>The exception for <paramref name="problem"/>, a sentence that names what is wrong and where.</summary>
    public CheckpointException Refuse(string problem) => new(Message(problem));

    /// <inheritdoc cref="Refuse(string)"/>
    public CheckpointException Refuse(string problem, System.Exception cause) => new(Message(problem), cause);

    private string Message(string problem) =>
        $"Cannot load checkpoint {Origin} into {Target}: {problem} The optimizer is unchanged.";
}
