// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>One remote secret, optionally one field of its JSON value and one version of it.</summary>
internal sealed record RemoteRefSpec
{
    /// <summary>The store's name of the secret: the path below the KV mount, the AWS name or ARN, the Azure secret name.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(2048)]
    public string? Key { get; init; }

    /// <summary>A top-level field of the JSON value; the whole value when empty.</summary>
    [MaxLength(256)]
    public string? Property { get; init; }

    /// <summary>A KV v2 version, an AWS VersionId or stage (default AWSCURRENT), an Azure version; the current one when empty.</summary>
    [MaxLength(256)]
    public string? Version { get; init; }
}
