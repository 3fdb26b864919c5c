// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>
/// Publication of verification data in a ConfigMap, for services that must check keys without reading the
/// Secret: fingerprints of the valid versions and, for key pairs, the JWKS. Never contains secret values.
/// </summary>
internal sealed record VerifierSpec
{
    /// <summary>Name of the ConfigMap in the ApiKey's namespace. Defaults to the ApiKey's name followed by "-verifier".</summary>
    [MaxLength(253)]
    [Pattern(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    public string? ConfigMapName { get; init; }
}
