using System;

namespace Rlx.Optim.Mpi;

/// <summary>An MPI call returned an error (the world's error handler is <c>MPI_ERRORS_RETURN</c>, so errors reach .NET).</summary>
public sealed class MpiException : Exception
{
    /// <summary>An MPI call's failure.</summary>
    /// <param name="call">The MPI function, e.g. <c>MPI_Allreduce</c>.</param>
    /// <param name="errorCode">Its return code.</param>
    /// <param name="description">The library's text for the code (<c>MPI_Error_string</c>).</param>
    public MpiException(string call, int errorCode, string description)
        : base($"{call} failed with MPI error {errorCode}: {description}")
    {
        Call = call;
        ErrorCode = errorCode;
    }

    /// <summary>The MPI function that failed.</summary>
    public string Call { get; }

    /// <summary>The MPI error code it returned.</summary>
    public int ErrorCode { get; }
}
