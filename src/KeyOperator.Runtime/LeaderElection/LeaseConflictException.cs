// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>The Lease changed since it was read (409 Conflict) or already exists on create.</summary>
public sealed class LeaseConflictException : Exception, IConcurrencyConflict
{
    /// <summary>Creates the exception with a default message.</summary>
    public LeaseConflictException()
        : base("The lease was changed by someone else.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public LeaseConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
