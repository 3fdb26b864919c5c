// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;

namespace KeyOperator.Providers.Vault;

/// <summary>
/// Vault's response envelope (<c>data</c>, <c>auth</c>, <c>errors</c>, <c>warnings</c>). <c>data</c> stays a JSON
/// element because its shape depends on the endpoint (a KV entry, a token lookup). A class, not a record: a generated
/// ToString would print the secret data and the client token.
/// </summary>
internal sealed class VaultResponse
{
    /// <summary>The endpoint's data: a KV v1 entry, a KV v2 <c>{data, metadata}</c>, a token lookup.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>The token a login or renewal issued.</summary>
    public VaultAuthInfo? Auth { get; init; }

    /// <summary>Vault's error strings; empty on a 404 for a path that has no value.</summary>
    public IReadOnlyList<string>? Errors { get; init; }

    /// <summary>Vault's warnings (a KV v1-style path on a KV v2 mount says so here).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}
