// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Keys;

/// <summary>Outcome of checking a token's shape and checksum. The reason never quotes the token.</summary>
/// <param name="IsValid">True when the token is well formed and its checksum matches.</param>
/// <param name="Reason">Why the token was rejected; null when valid.</param>
public sealed record TokenVerification(bool IsValid, string? Reason)
{
    /// <summary>The result for a well-formed token.</summary>
    public static TokenVerification Valid { get; } = new(true, null);

    /// <summary>A rejection.</summary>
    /// <param name="reason">Why, without the token's text.</param>
    /// <returns>The result.</returns>
    public static TokenVerification Invalid(string reason) => new(false, reason);
}
