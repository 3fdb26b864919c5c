// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>Options of a server-side apply.</summary>
public sealed record ApplyOptions
{
    /// <summary>Field manager that owns the applied fields (required by the server; at most 128 characters).</summary>
    public required string FieldManager { get; init; }

    /// <summary>Take ownership of fields owned by other managers instead of failing with a 409 conflict.</summary>
    public bool Force { get; init; }

    /// <summary>Validate and run admission, but persist nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>Ignore</c>, <c>Warn</c> or <c>Strict</c>.</summary>
    public string? FieldValidation { get; init; }

    /// <summary>Subresource to apply to, such as <c>status</c>.</summary>
    public string? Subresource { get; init; }
}
