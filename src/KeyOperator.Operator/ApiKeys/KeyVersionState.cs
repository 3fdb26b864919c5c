// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Where a key version is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KeyVersionState>))]
internal enum KeyVersionState
{
    /// <summary>The version clients should use; stored under the Secret's main keys.</summary>
    [JsonStringEnumMemberName("Current")]
    Current,

    /// <summary>Replaced but still accepted during the grace period; stored under the ".previous" keys.</summary>
    [JsonStringEnumMemberName("Previous")]
    Previous,

    /// <summary>No longer stored anywhere and no longer accepted.</summary>
    [JsonStringEnumMemberName("Retired")]
    Retired,
}
