// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Observed state of an ApiKey, written only by the operator. Holds fingerprints, never key material.</summary>
internal sealed record ApiKeyStatus
{
    /// <summary>The metadata.generation of the spec this status describes.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>Latest observations; Ready is True once the Secret holds a key that matches the spec.</summary>
    [ListMap("type")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>Name of the Secret that holds the key.</summary>
    public string? SecretName { get; init; }

    /// <summary>Format of the current key: token, hmac, rsa, ecdsa or basicAuth.</summary>
    public ApiKeyFormat? Format { get; init; }

    /// <summary>Version number of the key clients should use now.</summary>
    public int? CurrentVersion { get; init; }

    /// <summary>Fingerprint of the current version ("sha256:" and 64 hex digits); compare it with the Secret's keyoperator.io/fingerprint annotation.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Versions the operator still tracks, newest first.</summary>
    [ListMap("version")]
    public IReadOnlyList<KeyVersionStatus>? Keys { get; init; }

    /// <summary>When the next scheduled rotation is due; empty when no RotationPolicy schedules one.</summary>
    public DateTimeOffset? NextRotationTime { get; init; }

    /// <summary>When the key was last rotated.</summary>
    public DateTimeOffset? LastRotationTime { get; init; }

    /// <summary>Value of the keyoperator.io/rotate annotation last acted on; the same value again does not rotate twice.</summary>
    public string? LastRotateAnnotation { get; init; }

    /// <summary>Progress of a rotation under way, so that it resumes where it stopped after a restart. Opaque to users.</summary>
    [PreserveUnknownFields]
    public JsonObject? Rotation { get; init; }
}
