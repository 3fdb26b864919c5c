// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Net.Pkcs11Interop.Common;

namespace KeyOperator.Hsm;

/// <summary>
/// A failed HSM operation. The message names the HSM, the operation and the PKCS#11 return value by its CKR name; it
/// never carries the PIN or key material, so it may go to status, events and logs as it is.
/// </summary>
public sealed class HsmException : Exception
{
    /// <summary>Creates an exception.</summary>
    public HsmException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public HsmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public HsmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a failure.</summary>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="returnValue">The CKR name, when the module answered one.</param>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause, if any.</param>
    public HsmException(HsmFailure failure, string? returnValue, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        ReturnValue = returnValue;
    }

    /// <summary>The kind of failure.</summary>
    public HsmFailure Failure { get; } = HsmFailure.Unavailable;

    /// <summary>The CKR name (such as <c>CKR_PIN_INCORRECT</c>), when the module answered one.</summary>
    public string? ReturnValue { get; }

    internal static HsmException FromPkcs11(string hsm, string operation, Pkcs11Exception exception) =>
        new(HsmFailure.Unavailable, CkrNames.Of(exception.RV), $"HSM \"{hsm}\": {operation} failed with {CkrNames.Of(exception.RV)} ({exception.Method})", exception);
}
