// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>Why a store did not return a value; the controller maps each to a Ready condition reason.</summary>
public enum ProviderFailure
{
    /// <summary>The store is unreachable, timed out, or answered 5xx: transient, the last good data stays.</summary>
    Unavailable,

    /// <summary>The credentials were refused (401/403, a failed login, an expired token that could not be renewed).</summary>
    AuthFailed,

    /// <summary>The store asked us to slow down (429, AWS ThrottlingException); <see cref="ProviderException.RetryAfter"/> says how long, if it said.</summary>
    Throttled,

    /// <summary>
    /// The store confirmed that this exact secret (or version) does not exist: a 404 for that path or id, not a
    /// permission error dressed as one. Only this failure, seen twice in a row, lets the controller treat a key as deleted.
    /// </summary>
    NotFound,

    /// <summary>The request itself is wrong (a malformed name or version, a value that is not what was asked for): fixing the spec helps, retrying does not.</summary>
    InvalidRequest,
}
