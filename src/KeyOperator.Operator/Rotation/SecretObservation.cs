// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Rotation;

/// <summary>What the planner needs to know about the ApiKey's Secret as last read: versions and fingerprints only.</summary>
internal sealed record SecretObservation
{
    /// <summary>An absent Secret.</summary>
    public static readonly SecretObservation Missing = new() { Exists = false };

    /// <summary>False when the Secret does not exist.</summary>
    public bool Exists { get; init; } = true;

    /// <summary>The keyoperator.io/version annotation.</summary>
    public int? Version { get; init; }

    /// <summary>Fingerprint of the current value (computed from the data, or the keyoperator.io/fingerprint annotation).</summary>
    public string? CurrentFingerprint { get; init; }

    /// <summary>Fingerprint of the value under the ".previous" keys; null when there is none.</summary>
    public string? PreviousFingerprint { get; init; }
}
