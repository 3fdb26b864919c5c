// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>The policy file could not be read or breaks a rule; the message names the line and the field.</summary>
public sealed class PolicyFileException : Exception
{
    /// <summary>Creates the exception with a message that names the offending line and field.</summary>
    public PolicyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser error behind it.</summary>
    public PolicyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PolicyFileException()
        : base("The admission policy file is invalid.")
    {
    }
}
