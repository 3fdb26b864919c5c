// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Client;

/// <summary>
/// A request to the API server took longer than <see cref="KubernetesClientOptions.RequestTimeout"/>. A distinct type,
/// so that a slow server is never mistaken for the caller's own cancellation (with the library's built-in timeout both
/// are a <see cref="TaskCanceledException"/>).
/// </summary>
public sealed class KubernetesRequestTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public KubernetesRequestTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What timed out; never a body.</param>
    public KubernetesRequestTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cancellation that ended the request.</summary>
    /// <param name="message">What timed out; never a body.</param>
    /// <param name="innerException">The cancellation.</param>
    public KubernetesRequestTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
