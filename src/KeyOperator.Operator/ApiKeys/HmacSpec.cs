// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using System.Text.Json.Serialization;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>A random shared secret for HMAC signing and verification.</summary>
internal sealed record HmacSpec
{
    /// <summary>Default of <see cref="Bytes"/>.</summary>
    public const int DefaultBytes = 32;

    /// <summary>Creates settings; omitted values take the documented defaults.</summary>
    /// <param name="bytes">See <see cref="Bytes"/>.</param>
    [JsonConstructor]
    public HmacSpec(int bytes = DefaultBytes)
    {
        // A constructor, not a property initializer: see TokenSpec (dotnet/runtime#84484).
        Bytes = bytes;
    }

    /// <summary>Length of the secret in bytes. Defaults to 32, the output size of SHA-256.</summary>
    [DefaultValue(DefaultBytes)]
    [Minimum(16)]
    [Maximum(256)]
    public int Bytes { get; init; }
}
