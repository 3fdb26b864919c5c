// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>NIST curves for ECDSA keys, named as in JSON Web Keys (RFC 7518 §6.2.1.1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EcdsaCurve>))]
internal enum EcdsaCurve
{
    /// <summary>NIST P-256, signatures ES256.</summary>
    [JsonStringEnumMemberName("P-256")]
    P256,

    /// <summary>NIST P-384, signatures ES384.</summary>
    [JsonStringEnumMemberName("P-384")]
    P384,

    /// <summary>NIST P-521, signatures ES512.</summary>
    [JsonStringEnumMemberName("P-521")]
    P521,
}
