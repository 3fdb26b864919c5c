// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Tokens;

/// <summary>The outcome of checking a compact JWS against the signing key.</summary>
internal enum JwsCheck
{
    /// <summary>The signature verifies.</summary>
    Valid,

    /// <summary>Not three base64url parts with a JSON header and payload.</summary>
    NotAJws,

    /// <summary>Well-formed, but the signature or algorithm does not verify.</summary>
    BadSignature,
}
