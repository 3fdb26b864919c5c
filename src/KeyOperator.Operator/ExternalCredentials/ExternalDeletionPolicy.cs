// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>What a key of the target Secret gets when its remote value is confirmed deleted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExternalDeletionPolicy>))]
internal enum ExternalDeletionPolicy
{
    /// <summary>The last value stays (the default: nothing is lost because a store says "not found").</summary>
    Retain,

    /// <summary>The key is removed from the Secret.</summary>
    Delete,
}
