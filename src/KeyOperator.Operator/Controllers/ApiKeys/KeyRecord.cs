// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// What the controller knows about the key now in the Secret once a reconcile has made it right: its version,
/// its fingerprint, when it was created, and what a verifier may publish about it (digests and public keys only).
/// </summary>
internal sealed record KeyRecord(int Version, string Fingerprint, DateTimeOffset CreatedAt, VerifierEntries Verifier);
