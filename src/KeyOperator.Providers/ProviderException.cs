// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>
/// A store did not return a value. The message names the store, the secret's name and the store's error code, never a
/// value or a credential: it ends up in status conditions and events.
/// </summary>
public sealed class ProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderException()
        : this(ProviderFailure.Unavailable, "The provider failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secret values.</param>
    public ProviderException(string message)
        : this(ProviderFailure.Unavailable, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secret values.</param>
    /// <param name="innerException">The cause (its message must not carry secret values either).</param>
    public ProviderException(string message, Exception innerException)
        : this(ProviderFailure.Unavailable, message, null, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="message">What failed, without secret values.</param>
    /// <param name="retryAfter">How long the store asked us to wait, if it said.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ProviderException(ProviderFailure failure, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        RetryAfter = retryAfter;
    }

    /// <summary>The kind of failure.</summary>
    public ProviderFailure Failure { get; }

    /// <summary>How long the store asked us to wait before the next request, if it said (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
