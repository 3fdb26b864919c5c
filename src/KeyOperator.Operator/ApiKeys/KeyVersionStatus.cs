// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>One version of the key, identified by its number and fingerprint (never by its value).</summary>
internal sealed record KeyVersionStatus
{
    /// <summary>Version number; the first key is 1 and every rotation adds one.</summary>
    [Required]
    [Minimum(1)]
    public int Version { get; init; }

    /// <summary>SHA-256 digest of the material ("sha256:" and 64 hex digits); for key pairs, of the public key. Safe to show.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>When this version was minted.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When this version stops being valid, if it expires.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Where the material comes from: "hsm/&lt;name&gt;" for a key derived in an HSM; empty for software keys.</summary>
    public string? Source { get; init; }

    /// <summary>Current, Previous (still accepted during the grace period) or Retired.</summary>
    public KeyVersionState State { get; init; }
}
