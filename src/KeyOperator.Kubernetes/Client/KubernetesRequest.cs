// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>One logical API call, which the transport may attempt several times.</summary>
internal sealed record KubernetesRequest
{
    public required HttpMethod Method { get; init; }

    /// <summary>Kubernetes verb, for metrics and retry decisions.</summary>
    public required string Verb { get; init; }

    public required ResourceType Type { get; init; }

    /// <summary>Path and query, relative to the server root.</summary>
    public required string PathAndQuery { get; init; }

    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public string Accept { get; init; } = "application/json";

    /// <summary>True for watches: no per-request timeout, and the caller owns the open stream.</summary>
    public bool Streaming { get; init; }

    /// <summary>GET-like calls that can be repeated after a 5xx or a connection fault.</summary>
    public bool Idempotent => Method == HttpMethod.Get;
}
