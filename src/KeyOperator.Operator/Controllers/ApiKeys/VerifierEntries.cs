// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// What may be published for verifiers: SHA-256 digests of the current and previous secret values (hex), and for
/// key pairs the JWK Set of public keys. Never the secret values themselves.
/// </summary>
internal sealed record VerifierEntries(string? CurrentDigest, string? PreviousDigest, string? Jwks);
