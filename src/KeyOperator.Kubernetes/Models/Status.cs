// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 Status: the body of every API error and of some successful deletes.</summary>
public sealed record Status
{
    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; init; } = "v1";

    /// <summary>Always <c>Status</c>.</summary>
    public string? Kind { get; init; } = "Status";

    /// <summary>List metadata; usually empty.</summary>
    public ListMeta? Metadata { get; init; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("status")]
    public string? Outcome { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason such as <c>NotFound</c>, <c>Conflict</c> or <c>Invalid</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Extended data: the object named, field causes, and a retry delay.</summary>
    public StatusDetails? Details { get; init; }

    /// <summary>The HTTP status code this Status stands for.</summary>
    public int? Code { get; init; }
}
