// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator;

/// <summary>What a user can ask of ApiKeys through an annotation (see docs/rotation.md).</summary>
public enum ApiKeyRequest
{
    /// <summary>One rotation now (<c>keyoperator.io/rotate</c>).</summary>
    Rotate,

    /// <summary>Remove the previous key now, ending its grace period (<c>keyoperator.io/revoke-previous</c>).</summary>
    RevokePrevious,
}
