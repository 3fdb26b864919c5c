// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>An ECDSA key pair on a NIST curve, published to verifiers as a JSON Web Key.</summary>
internal sealed record EcdsaSpec
{
    /// <summary>Curve: P-256 (ES256, the default), P-384 (ES384) or P-521 (ES512).</summary>
    [DefaultValue(EcdsaCurve.P256)]
    public EcdsaCurve Curve { get; init; } = EcdsaCurve.P256;
}
