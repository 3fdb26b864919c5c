// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.Rotation;

/// <summary>Why a rotation started.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RotationTrigger>))]
internal enum RotationTrigger
{
    /// <summary>The policy's schedule (every or cron) fell due.</summary>
    [JsonStringEnumMemberName("Schedule")]
    Schedule,

    /// <summary>The key approached its expiry (notAfter - rotateBefore).</summary>
    [JsonStringEnumMemberName("Expiry")]
    Expiry,

    /// <summary>A new value of the keyoperator.io/rotate annotation.</summary>
    [JsonStringEnumMemberName("Manual")]
    Manual,
}
