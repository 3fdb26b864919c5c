// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using System.Text.Json.Serialization;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>
/// An opaque bearer token: prefix, a random base62 body, and a 6-character CRC32 checksum that lets secret
/// scanners and servers reject typos and look-alikes offline (see docs/token-format.md).
/// </summary>
internal sealed record TokenSpec
{
    /// <summary>Default of <see cref="Prefix"/>.</summary>
    public const string DefaultPrefix = "ko_";

    /// <summary>Default of <see cref="EntropyBits"/>.</summary>
    public const int DefaultEntropyBits = 256;

    /// <summary>Creates settings; omitted values take the documented defaults.</summary>
    /// <param name="prefix">See <see cref="Prefix"/>; null means the default.</param>
    /// <param name="entropyBits">See <see cref="EntropyBits"/>.</param>
    [JsonConstructor]
    public TokenSpec(string? prefix = DefaultPrefix, int entropyBits = DefaultEntropyBits)
    {
        // A constructor, not property initializers: source-generated deserialization loses initializers of init-only
        // properties absent from the JSON (dotnet/runtime#84484), but honours constructor parameter defaults.
        Prefix = prefix ?? DefaultPrefix;
        EntropyBits = entropyBits;
    }

    /// <summary>
    /// Text at the start of every token, so that leaked tokens are easy to recognise and scan for. Lowercase
    /// letters, digits and underscores, starting with a letter, at most 16 characters; end it with "_" so the
    /// prefix stands out. Defaults to "ko_".
    /// </summary>
    [DefaultValue(DefaultPrefix)]
    [Pattern("^[a-z][a-z0-9_]{0,15}$")]
    public string Prefix { get; init; }

    /// <summary>
    /// Randomness of the token body in bits; the body gets ceil(entropyBits / log2(62)) base62 characters, 43 for
    /// the default of 256.
    /// </summary>
    [DefaultValue(DefaultEntropyBits)]
    [Minimum(128)]
    [Maximum(1024)]
    public int EntropyBits { get; init; }
}
