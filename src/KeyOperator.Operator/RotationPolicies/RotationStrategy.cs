// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>How a rotation hands over from the old key to the new one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RotationStrategy>))]
internal enum RotationStrategy
{
    /// <summary>
    /// The new key becomes current and the old one stays valid (under the Secret's ".previous" keys) for the grace
    /// period, so that clients and verifiers can move over without an outage. The default.
    /// </summary>
    [JsonStringEnumMemberName("Overlapping")]
    Overlapping,

    /// <summary>The old key is dropped as soon as the new one is in place; clients still using it fail at once.</summary>
    [JsonStringEnumMemberName("Immediate")]
    Immediate,
}
