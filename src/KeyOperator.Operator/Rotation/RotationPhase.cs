// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.Rotation;

/// <summary>Steps of one rotation, in order. Each is recorded before the work of the next begins.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RotationPhase>))]
internal enum RotationPhase
{
    /// <summary>Decided: target version, trigger and strategy are recorded; nothing minted yet.</summary>
    [JsonStringEnumMemberName("Pending")]
    Pending,

    /// <summary>New material minted in memory and its fingerprint recorded; the Secret is not yet written.</summary>
    [JsonStringEnumMemberName("KeyMinted")]
    KeyMinted,

    /// <summary>The Secret holds the new key as current and the old one under ".previous" (usually observed, not stored).</summary>
    [JsonStringEnumMemberName("SecretWritten")]
    SecretWritten,

    /// <summary>ApiKey status names the new version as current; the grace period runs from here.</summary>
    [JsonStringEnumMemberName("StatusCommitted")]
    StatusCommitted,

    /// <summary>Restart targets were restarted (or found restarted already) once for this version.</summary>
    [JsonStringEnumMemberName("RestartsTriggered")]
    RestartsTriggered,

    /// <summary>The previous key was removed from the Secret.</summary>
    [JsonStringEnumMemberName("PreviousRetired")]
    PreviousRetired,

    /// <summary>Finished; a new rotation may start.</summary>
    [JsonStringEnumMemberName("Done")]
    Done,
}
