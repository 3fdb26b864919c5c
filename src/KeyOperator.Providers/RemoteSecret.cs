// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>
/// One remote secret as the store returned it. For Vault the value is the JSON object of the KV entry's data; for AWS
/// the SecretString (or the decoded SecretBinary); for Azure the secret's value. <see cref="ToString"/> never shows the
/// value, so a record logged or put in an exception by mistake leaks nothing.
/// </summary>
public sealed class RemoteSecret
{
    private readonly byte[] _value;

    /// <summary>Creates the result.</summary>
    /// <param name="value">The raw value (copied).</param>
    /// <param name="version">The store's version of the value (KV v2 version, AWS VersionId, Azure version), if any.</param>
    public RemoteSecret(ReadOnlySpan<byte> value, string? version)
    {
        _value = value.ToArray();
        Version = version;
    }

    /// <summary>The raw value.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>The store's version of the value, if it has one.</summary>
    public string? Version { get; }

    /// <inheritdoc />
    public override string ToString() => $"RemoteSecret(version: {Version ?? "-"}, {_value.Length} bytes)";
}
