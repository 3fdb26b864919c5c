// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.OpenApi;

/// <summary>One serialized per-group-version OpenAPI v3 document.</summary>
public sealed record OpenApiGroupVersionDocument
{
    /// <summary>Key in the root document, without leading slash: <c>api/v1</c> or <c>apis/example.com/v1</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Upper-case hex SHA-256 of <see cref="Json"/>; changes whenever a schema or path changes.</summary>
    public required string Hash { get; init; }

    /// <summary>The document as compact UTF-8 JSON text, ready to send with <c>Content-Type: application/json</c>.</summary>
    public required string Json { get; init; }

    /// <summary>The URL the root advertises: <c>/openapi/v3/&lt;key&gt;?hash=&lt;hash&gt;</c>.</summary>
    public string ServerRelativeUrl => "/openapi/v3/" + Key + "?hash=" + Hash;
}
