// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>What signing produced: the canonical request (for tests and debugging; it holds no secret) and the Authorization value.</summary>
/// <param name="CanonicalRequest">The canonical request that was signed.</param>
/// <param name="SignedHeaders">The <c>;</c>-separated lower-case names of the signed headers.</param>
/// <param name="Authorization">The value of the Authorization header.</param>
internal sealed record SigV4Signature(string CanonicalRequest, string SignedHeaders, string Authorization);
