// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using System.Text.Json.Serialization;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>An RSA key pair, published to verifiers as an RS256 JSON Web Key.</summary>
internal sealed record RsaSpec
{
    /// <summary>Default of <see cref="Bits"/>.</summary>
    public const int DefaultBits = 3072;

    /// <summary>Creates settings; omitted values take the documented defaults.</summary>
    /// <param name="bits">See <see cref="Bits"/>.</param>
    [JsonConstructor]
    public RsaSpec(int bits = DefaultBits)
    {
        // A constructor, not a property initializer: see TokenSpec (dotnet/runtime#84484).
        Bits = bits;
    }

    /// <summary>Modulus size in bits: 2048, 3072 or 4096. Defaults to 3072.</summary>
    [DefaultValue(DefaultBits)]
    [IntegerEnum(2048, 3072, 4096)]
    public int Bits { get; init; }
}
