using System;

namespace Rlx.Optim;

/// <summary>
/// A checkpoint cannot be loaded: the file is not a well-formed safetensors file, or it holds the state of another
/// optimizer (another kind, precision, hyperparameters or set of shapes). The message names what is wrong and
/// where. The optimizer it was loaded into is unchanged.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CheckpointException()
        : base("The checkpoint cannot be loaded.")
    {
    }

    /// <summary>Creates the exception with a message naming what is wrong and where.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the problem.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
