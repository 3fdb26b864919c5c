// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator;

/// <summary>Offline checks of KeyOperator tokens (<c>key-operator token verify</c>; see docs/token-format.md).</summary>
public static class KeyOperatorTokens
{
    /// <summary>Checks a token's shape and CRC32 checksum, and its prefix when <paramref name="expectedPrefix"/> is given.</summary>
    public static TokenVerification Verify(string token, string? expectedPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TokenFormat.Verify(token, expectedPrefix);
    }
}
