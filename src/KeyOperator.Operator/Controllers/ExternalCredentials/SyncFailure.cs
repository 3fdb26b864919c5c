// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>A sync that cannot complete, with the Ready reason it reports; its message never carries a secret value.</summary>
internal sealed class SyncFailure : Exception
{
    public SyncFailure()
        : this(ExternalCredentialReasons.InvalidSpec, "the sync failed")
    {
    }

    public SyncFailure(string message)
        : this(ExternalCredentialReasons.InvalidSpec, message)
    {
    }

    public SyncFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = ExternalCredentialReasons.InvalidSpec;
    }

    public SyncFailure(string reason, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>The Ready condition's reason.</summary>
    public string Reason { get; }

    /// <summary>How long the store asked us to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
