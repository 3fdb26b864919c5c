// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Who owns the target Secret.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreationPolicy>))]
internal enum CreationPolicy
{
    /// <summary>Created by the operator with an owner reference: deleted with the ExternalCredential.</summary>
    Owner,

    /// <summary>Merged into an existing Secret, which the operator neither creates nor deletes.</summary>
    Merge,

    /// <summary>Created by the operator without an owner reference: kept when the ExternalCredential goes.</summary>
    Orphan,
}
